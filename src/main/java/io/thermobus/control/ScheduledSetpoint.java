package io.thermobus.control;

/** The next change the zone's schedule will make: to {@code centi} at simulated nanosecond {@code at}. */
public record ScheduledSetpoint(long at, int centi) {}
