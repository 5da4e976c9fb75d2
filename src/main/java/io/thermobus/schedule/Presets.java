package io.thermobus.schedule;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.Centi;

/**
 * The temperature of each preset of a zone, °C. Each must lie within 5–35 °C, the widest range
 * a desired temperature may have; the service checks them against its configured range too.
 */
public record Presets(double comfort, double eco, double away, double sleep, double frost) {

  public static final Presets DEFAULT = new Presets(21, 17, 15, 18, 7);

  public Presets {
    requireRange("presets.comfort", comfort, 5, 35);
    requireRange("presets.eco", eco, 5, 35);
    requireRange("presets.away", away, 5, 35);
    requireRange("presets.sleep", sleep, 5, 35);
    requireRange("presets.frost", frost, 5, 35);
  }

  @JsonCreator
  static Presets json(@JsonProperty("comfort") Double comfort, @JsonProperty("eco") Double eco,
      @JsonProperty("away") Double away, @JsonProperty("sleep") Double sleep, @JsonProperty("frost") Double frost) {
    return new Presets(orDefault(comfort, DEFAULT.comfort), orDefault(eco, DEFAULT.eco), orDefault(away, DEFAULT.away),
        orDefault(sleep, DEFAULT.sleep), orDefault(frost, DEFAULT.frost));
  }

  public double celsius(Preset preset) {
    return switch (preset) {
      case COMFORT -> comfort;
      case ECO -> eco;
      case AWAY -> away;
      case SLEEP -> sleep;
      case FROST -> frost;
    };
  }

  public int centi(Preset preset) {
    return Centi.fromCelsius(celsius(preset));
  }
}
