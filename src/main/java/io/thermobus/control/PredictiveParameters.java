package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code predictive} controller: keeps the temperature, as its learned model of the room
 * estimates it between readings, within ±{@code band} °C of the target; preheats for a higher
 * scheduled setpoint at most {@code maxPreheatSeconds} ahead so it is reached at its time
 * (optimum start), starting earlier by the minimum off time, which may hold the heater off then.
 */
public record PredictiveParameters(double band, long maxPreheatSeconds) {

  public static final PredictiveParameters DEFAULT = new PredictiveParameters(0.3, 6 * 3600);

  public PredictiveParameters {
    requireRange("predictive.band", band, 0, 5);
    requireRange("predictive.maxPreheatSeconds", maxPreheatSeconds, 0, 86_400);
  }

  @JsonCreator
  static PredictiveParameters json(@JsonProperty("band") Double band, @JsonProperty("maxPreheatSeconds") Long maxPreheat) {
    return new PredictiveParameters(orDefault(band, DEFAULT.band), orDefault(maxPreheat, DEFAULT.maxPreheatSeconds));
  }
}
