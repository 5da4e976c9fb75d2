package io.thermobus.control;

import java.util.function.LongToDoubleFunction;

/**
 * Time-proportioned output: at the start of each period the share is asked for once, and the
 * heater is on for that share of the period, from its start. A share giving less on-time than
 * the minimum activation is none.
 */
final class Pwm {

  private final long periodNanos;
  private final long minActivationNanos;
  private long periodStart = -1;
  private long onUntil;

  Pwm(long periodSeconds, long minActivationSeconds) {
    this.periodNanos = periodSeconds * 1_000_000_000L;
    this.minActivationNanos = minActivationSeconds * 1_000_000_000L;
  }

  /** Whether the output is on at {@code now}; {@code share} (clamped to 0..1) is called at each period start. */
  boolean on(long now, LongToDoubleFunction share) {
    if (periodStart < 0 || now >= periodStart + periodNanos) {
      periodStart = now;
      long onNanos = Math.round(Math.max(0, Math.min(1, share.applyAsDouble(now))) * periodNanos);
      onUntil = now + (onNanos < minActivationNanos ? 0 : onNanos);
    }
    return now < onUntil;
  }

  long nextEdge(long now) {
    if (periodStart < 0) {
      return Long.MAX_VALUE;
    }
    return now < onUntil ? onUntil : periodStart + periodNanos;
  }

  void restart() {
    periodStart = -1;
  }
}
