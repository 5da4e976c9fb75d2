package io.thermobus.sim;

import java.util.OptionalLong;

/**
 * A change of temperature that takes effect after each full period of continuous activity: the
 * heater (+0.03 °C per 3 s of on-time) and heat loss (−0.01 °C per 3 s, always active). As in the
 * chapter, switching off restarts the period, so an interrupted heater starts its three seconds
 * from scratch. Periods follow each other exactly in simulated time: advancing late (a stalled
 * event loop) applies every period that completed meanwhile, neither losing nor inventing heat.
 * Pure: times are simulated nanoseconds.
 */
public final class ThermalEffect {

  private int stepCenti;
  private final long periodNanos;
  private boolean active;
  private long periodStart;

  public ThermalEffect(int stepCenti, long periodNanos) {
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
    this.stepCenti = stepCenti;
    this.periodNanos = periodNanos;
  }

  /** Starts a period unless one is already running. */
  public void activate(long now) {
    if (!active) {
      active = true;
      periodStart = now;
    }
  }

  public void deactivate() {
    active = false;
  }

  public boolean active() {
    return active;
  }

  /** When the current period completes, if active. */
  public OptionalLong dueAt() {
    return active() ? OptionalLong.of(periodStart + periodNanos) : OptionalLong.empty();
  }

  /** Changes the step from the period now running on; advance first to keep the completed periods' step. */
  public void step(int newStepCenti) {
    stepCenti = newStepCenti;
  }

  /** The temperature change due at {@code now}: one step per period completed since the last advance. */
  public int advance(long now) {
    if (!active() || now < periodStart + periodNanos) {
      return 0;
    }
    long periods = (now - periodStart) / periodNanos;
    periodStart += periods * periodNanos;
    return Math.toIntExact(periods * stepCenti);
  }
}
