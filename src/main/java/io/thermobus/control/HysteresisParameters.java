package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code hysteresis} controller's tolerances in °C. Exactly: the heater switches on when the
 * temperature is strictly below {@code desired − coldTolerance} and off when it is strictly above
 * {@code desired + hotTolerance}; in between it keeps its state.
 */
public record HysteresisParameters(double coldTolerance, double hotTolerance) {

  public static final HysteresisParameters DEFAULT = new HysteresisParameters(0.3, 0.3);

  public HysteresisParameters {
    requireRange("hysteresis.coldTolerance", coldTolerance, 0, 5);
    requireRange("hysteresis.hotTolerance", hotTolerance, 0, 5);
  }

  @JsonCreator
  static HysteresisParameters json(@JsonProperty("coldTolerance") Double cold, @JsonProperty("hotTolerance") Double hot) {
    return new HysteresisParameters(orDefault(cold, DEFAULT.coldTolerance), orDefault(hot, DEFAULT.hotTolerance));
  }
}
