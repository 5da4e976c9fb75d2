package io.thermobus.control;

import io.thermobus.thermostat.Thermostat;
import io.thermobus.thermostat.Thermostat.Decision;

/** {@code onoff} (the chapter's rule) and {@code hysteresis}: the {@link Thermostat} rule with its tolerances. */
final class ThresholdRule implements HeatingRule {

  private final Thermostat thermostat;

  ThresholdRule(int coldCenti, int hotCenti) {
    this.thermostat = new Thermostat(coldCenti, hotCenti);
  }

  @Override
  public boolean wantsOn(ControlInputs in, long now) {
    Decision decision = thermostat.decide(in.inside(), in.desired(), in.heaterOn());
    return decision == Decision.KEEP ? in.heaterOn() : decision == Decision.SWITCH_ON;
  }
}
