package io.thermobus.thermostat;

import io.thermobus.event.Readings;
import java.time.Duration;

/**
 * Tells when a zone's temperature readings have stopped for longer than the stale timeout, and
 * when they come back. Before the first reading the zone is waiting, which is not a fault: a first
 * reading that is overdue only asks for the heater to be kept off. Simulated nanoseconds in; not
 * thread-safe: the display's event loop owns it.
 */
public final class SensorWatch {

  /** What a check found new: nothing, the first reading overdue (heater off, no fault), or the readings gone stale (a fault). */
  public enum Alarm { NONE, FIRST_READING_OVERDUE, STALE }

  private long timeoutNanos;
  private long lastReadingAt;
  private Readings readings = Readings.WAITING;
  private boolean overdue;

  /** {@code now} is when the watch starts waiting for the first reading. */
  public SensorWatch(Duration timeout, long now) {
    timeout(timeout);
    this.lastReadingAt = now;
  }

  /** From now on the readings are stale after {@code timeout} of silence, counted from the last reading as before. */
  public void timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the stale timeout must be positive, got " + timeout);
    }
    this.timeoutNanos = timeout.toNanos();
  }

  public Duration timeout() {
    return Duration.ofNanos(timeoutNanos);
  }

  /** A reading arrived; answers whether it ends a stale period. */
  public boolean reading(long now) {
    lastReadingAt = now;
    boolean recovered = readings == Readings.STALE;
    readings = Readings.LIVE;
    return recovered;
  }

  /**
   * Answers each alarm once, at the first check after the readings (or, before the first, the
   * wait for one) have been silent for longer than the timeout.
   */
  public Alarm check(long now) {
    if (now - lastReadingAt <= timeoutNanos) {
      return Alarm.NONE;
    }
    if (readings == Readings.LIVE) {
      readings = Readings.STALE;
      return Alarm.STALE;
    }
    if (readings == Readings.WAITING && !overdue) {
      overdue = true;
      return Alarm.FIRST_READING_OVERDUE;
    }
    return Alarm.NONE;
  }

  public Readings readings() {
    return readings;
  }

  /** How long the readings have been silent (before the first: since the watch started). */
  public Duration silence(long now) {
    return Duration.ofNanos(now - lastReadingAt);
  }
}
