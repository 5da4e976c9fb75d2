package io.thermobus.mqtt;

import java.time.Duration;

/**
 * Exponential reconnection delays: {@code first}, doubled after each further failure, never more than
 * {@code max}; back to {@code first} after a success. Pure; owned by one event loop.
 */
public final class Backoff {

  private final Duration first;
  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    if (first.isZero() || first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max");
    }
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The wait before the next attempt; the one after will be twice as long, up to the maximum. */
  public Duration nextDelay() {
    Duration delay = next;
    next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    return delay;
  }

  public void reset() {
    next = first;
  }
}
