package io.thermobus.control;

/** A rule whose output is a share of each period ({@code tpi}, {@code pid}), carried out by a {@link Pwm}. */
abstract class PwmRule implements HeatingRule {

  private final Pwm pwm;
  private long lastNow;

  PwmRule(long periodSeconds, long minActivationSeconds) {
    this.pwm = new Pwm(periodSeconds, minActivationSeconds);
  }

  /** The share of the period starting at {@code now} to heat, any number (clamped to 0..1). */
  abstract double share(ControlInputs in, long now);

  @Override
  public final boolean wantsOn(ControlInputs in, long now) {
    lastNow = now;
    return pwm.on(now, at -> share(in, at));
  }

  @Override
  public final long reconsiderAt() {
    return pwm.nextEdge(lastNow);
  }

  @Override
  public final void setpointChanged() {
    pwm.restart();
  }

  @Override
  public void reset() {
    pwm.restart();
  }
}
