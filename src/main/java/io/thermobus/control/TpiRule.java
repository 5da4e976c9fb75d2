package io.thermobus.control;

/** {@code tpi}: see {@link TpiParameters}. A setpoint change starts a new cycle at once. */
final class TpiRule extends PwmRule {

  private final TpiParameters parameters;

  TpiRule(TpiParameters parameters) {
    super(parameters.cycleSeconds(), parameters.minActivationSeconds());
    this.parameters = parameters;
  }

  @Override
  double share(ControlInputs in, long now) {
    double inner = parameters.coefInt() * (in.desired() - in.inside()) / 100.0;
    double outer = in.outside() == null ? 0 : parameters.coefExt() * (in.desired() - in.outside()) / 100.0;
    return inner + outer;
  }
}
