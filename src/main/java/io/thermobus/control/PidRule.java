package io.thermobus.control;

/**
 * {@code pid}: see {@link PidParameters}. The terms are computed at the start of each PWM period
 * from the latest reading; the derivative acts on the measurement, so a setpoint step gives no kick.
 */
final class PidRule extends PwmRule {

  private static final double NANOS_PER_HOUR = 3600e9;

  private final PidParameters parameters;
  private final long resetAfterNanos;
  private double integral; // °C·h
  private long updatedAt = -1;
  private int updatedInside;

  PidRule(PidParameters parameters) {
    super(parameters.periodSeconds(), 0);
    this.parameters = parameters;
    this.resetAfterNanos = parameters.resetAfterSeconds() * 1_000_000_000L;
  }

  @Override
  double share(ControlInputs in, long now) {
    double error = (in.desired() - in.inside()) / 100.0;
    double hours = updatedAt < 0 ? 0 : (now - updatedAt) / NANOS_PER_HOUR;
    if (updatedAt >= 0 && now - updatedAt >= resetAfterNanos) {
      integral = 0;
      hours = 0;
    }
    double derivative = hours > 0 ? -(in.inside() - updatedInside) / 100.0 / hours : 0;
    double outsideTerm = in.outside() == null ? 0 : parameters.kOutside() * (in.desired() - in.outside()) / 100.0;
    double proportional = parameters.kp() * error + parameters.kd() * derivative + outsideTerm;
    double candidate = clampIntegral(integral + error * hours);
    double u = proportional + parameters.ki() * candidate;
    // Conditional integration: no further growth while the output is saturated in the error's direction.
    if (!(u > 1 && error > 0) && !(u < 0 && error < 0)) {
      integral = candidate;
    }
    updatedAt = now;
    updatedInside = in.inside();
    return proportional + parameters.ki() * integral;
  }

  private double clampIntegral(double value) {
    if (parameters.ki() == 0) {
      return 0;
    }
    double limit = parameters.integralLimit() / parameters.ki();
    return Math.max(-limit, Math.min(limit, value));
  }

  /** The integral term's share of the output, for tests of the anti-windup. */
  double integralTerm() {
    return parameters.ki() * integral;
  }

  @Override
  public void reset() {
    super.reset();
    integral = 0;
    updatedAt = -1;
  }
}
