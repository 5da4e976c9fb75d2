package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code tpi} controller (time-proportional and integral, as Versatile Thermostat has it):
 * at the start of each cycle, {@code on% = clamp(coefInt·(desired − inside) + coefExt·(desired −
 * outside), 0, 1)}; the heater is on for that share of the cycle, not at all when that is shorter
 * than {@code minActivationSeconds}. Without an outside temperature the outside term is 0.
 */
public record TpiParameters(double coefInt, double coefExt, long cycleSeconds, long minActivationSeconds) {

  public static final TpiParameters DEFAULT = new TpiParameters(0.6, 0.01, 300, 0);

  public TpiParameters {
    requireRange("tpi.coefInt", coefInt, 0, 10);
    requireRange("tpi.coefExt", coefExt, 0, 1);
    requireRange("tpi.cycleSeconds", cycleSeconds, 10, 86_400);
    requireRange("tpi.minActivationSeconds", minActivationSeconds, 0, cycleSeconds);
  }

  @JsonCreator
  static TpiParameters json(@JsonProperty("coefInt") Double coefInt, @JsonProperty("coefExt") Double coefExt,
      @JsonProperty("cycleSeconds") Long cycle, @JsonProperty("minActivationSeconds") Long minActivation) {
    return new TpiParameters(orDefault(coefInt, DEFAULT.coefInt), orDefault(coefExt, DEFAULT.coefExt),
        orDefault(cycle, DEFAULT.cycleSeconds), orDefault(minActivation, DEFAULT.minActivationSeconds));
  }
}
