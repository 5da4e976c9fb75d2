package io.thermobus.sim;

import java.util.OptionalLong;

/**
 * A change of temperature that takes effect after each full period of continuous activity: the
 * heater (+0.03 °C per 3 s of on-time) and heat loss (−0.01 °C per 3 s, always active). As in the
 * chapter, the period restarts when the effect fires and when it is switched off, so an
 * interrupted heater starts its three seconds from scratch. Pure: times are simulated nanoseconds.
 */
public final class ThermalEffect {

  private final int stepCenti;
  private final long periodNanos;
  private long periodStart = -1;

  public ThermalEffect(int stepCenti, long periodNanos) {
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
    this.stepCenti = stepCenti;
    this.periodNanos = periodNanos;
  }

  /** Starts a period unless one is already running. */
  public void activate(long now) {
    if (periodStart < 0) {
      periodStart = now;
    }
  }

  public void deactivate() {
    periodStart = -1;
  }

  public boolean active() {
    return periodStart >= 0;
  }

  /** When the current period completes, if active. */
  public OptionalLong dueAt() {
    return active() ? OptionalLong.of(periodStart + periodNanos) : OptionalLong.empty();
  }

  /** The temperature change due at {@code now}: the step once the period is complete, else 0. */
  public int advance(long now) {
    if (!active() || now < periodStart + periodNanos) {
      return 0;
    }
    periodStart = now;
    return stepCenti;
  }
}
