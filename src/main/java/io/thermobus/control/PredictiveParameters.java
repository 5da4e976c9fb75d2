package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code predictive} controller: keeps the temperature, as its learned model of the room
 * estimates it between readings, within ±{@code band} °C of the target; preheats for a higher
 * scheduled setpoint at most {@code maxPreheatSeconds} ahead so it is reached at its time
 * (optimum start); with {@code optimumStop} it stops heating ahead of a lower scheduled setpoint
 * so that the room is half-way down at the change.
 */
public record PredictiveParameters(double band, long maxPreheatSeconds, boolean optimumStop) {

  public static final PredictiveParameters DEFAULT = new PredictiveParameters(0.3, 6 * 3600, true);

  public PredictiveParameters {
    requireRange("predictive.band", band, 0, 5);
    requireRange("predictive.maxPreheatSeconds", maxPreheatSeconds, 0, 86_400);
  }

  @JsonCreator
  static PredictiveParameters json(@JsonProperty("band") Double band, @JsonProperty("maxPreheatSeconds") Long maxPreheat,
      @JsonProperty("optimumStop") Boolean optimumStop) {
    return new PredictiveParameters(orDefault(band, DEFAULT.band), orDefault(maxPreheat, DEFAULT.maxPreheatSeconds),
        orDefault(optimumStop, DEFAULT.optimumStop));
  }
}
