package io.thermobus.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Where simulated time falls in the week: simulated nanosecond 0 is {@code startTime} on
 * {@code startDay}. Schedules and daily outside curves read their time of week and day from it.
 */
public record WeekClock(DayOfWeek startDay, LocalTime startTime) {

  public static final WeekClock MONDAY_MIDNIGHT = new WeekClock(DayOfWeek.MONDAY, LocalTime.MIDNIGHT);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  public WeekClock {
    Objects.requireNonNull(startDay, "startDay");
    Objects.requireNonNull(startTime, "startTime");
  }

  /** Seconds since Monday 00:00 of the week {@code nanos} falls in. */
  public long secondOfWeek(long nanos) {
    long start = (startDay.getValue() - 1) * 86_400L + startTime.toSecondOfDay();
    return Math.floorMod(start + Math.floorDiv(nanos, NANOS_PER_SECOND), Schedule.WEEK_SECONDS);
  }

  public long secondOfDay(long nanos) {
    return secondOfWeek(nanos) % 86_400;
  }
}
