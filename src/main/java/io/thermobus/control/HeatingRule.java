package io.thermobus.control;

/** One control algorithm: whether the heater should be on. Pure, owned by one {@link ZoneController}. */
interface HeatingRule {

  boolean wantsOn(ControlInputs inputs, long now);

  /** When the answer may change with no new input (a PWM edge), or {@link Long#MAX_VALUE}. */
  default long reconsiderAt() {
    return Long.MAX_VALUE;
  }

  /** A reading arrived while the rule was in charge; {@code heaterOn} is the heater's state since the last one. */
  default void reading(int centi, Integer outside, boolean heaterOn, long now) {}

  /** The setpoint changed: start a new cycle at the next decision. */
  default void setpointChanged() {}

  /** Control was suspended (fail-safe, window, cool-down): forget cycle and integral. */
  default void reset() {}

  static HeatingRule of(ControlSettings settings) {
    return switch (settings.controller()) {
      case ONOFF -> new ThresholdRule(0, 0);
      case HYSTERESIS -> new ThresholdRule(centi(settings.hysteresis().coldTolerance()), centi(settings.hysteresis().hotTolerance()));
      case TPI -> new TpiRule(settings.tpi());
      case PID -> new PidRule(settings.pid());
      case PREDICTIVE -> new PredictiveRule(settings.predictive(), settings.protections().minOffSeconds());
    };
  }

  private static int centi(double celsius) {
    return (int) Math.round(celsius * 100);
  }
}
