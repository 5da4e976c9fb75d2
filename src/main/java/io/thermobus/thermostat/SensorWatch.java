package io.thermobus.thermostat;

import java.time.Duration;

/**
 * Tells when a zone's temperature readings have stopped for longer than the stale timeout, and
 * when they come back. Simulated nanoseconds in; not thread-safe: the display's event loop owns it.
 */
public final class SensorWatch {

  private final long timeoutNanos;
  private long lastReadingAt;
  private boolean stale;

  public SensorWatch(Duration timeout, long now) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the stale timeout must be positive, got " + timeout);
    }
    this.timeoutNanos = timeout.toNanos();
    this.lastReadingAt = now;
  }

  /** A reading arrived; answers whether it ends a stale period. */
  public boolean reading(long now) {
    lastReadingAt = now;
    boolean recovered = stale;
    stale = false;
    return recovered;
  }

  /** Answers true once, at the first check after the readings have been silent for longer than the timeout. */
  public boolean becameStale(long now) {
    if (stale || now - lastReadingAt <= timeoutNanos) {
      return false;
    }
    stale = true;
    return true;
  }

  public boolean stale() {
    return stale;
  }

  /** How long the readings have been silent. */
  public Duration silence(long now) {
    return Duration.ofNanos(now - lastReadingAt);
  }
}
