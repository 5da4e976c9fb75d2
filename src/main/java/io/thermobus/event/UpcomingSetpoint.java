package io.thermobus.event;

import io.thermobus.control.ScheduledSetpoint;

/**
 * The schedule's next change of a zone's desired temperature ({@code null}: none is coming), sent
 * by its input (the setpoint's single writer) to the display shard that runs its controller, at
 * start and whenever it changes, so a predictive controller can preheat for it.
 */
public record UpcomingSetpoint(String zone, ScheduledSetpoint next) {}
