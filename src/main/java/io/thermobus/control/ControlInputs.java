package io.thermobus.control;

/**
 * What a rule decides on: the latest reading and desired temperature (hundredths of a degree),
 * the outside temperature if known, whether the heater is on, and the schedule's next change if any.
 */
record ControlInputs(int inside, int desired, Integer outside, boolean heaterOn, ScheduledSetpoint upcoming) {}
