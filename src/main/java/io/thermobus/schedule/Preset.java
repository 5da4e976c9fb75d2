package io.thermobus.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.thermobus.control.InvalidSettingsException;
import java.util.Locale;

/** The named setpoints a zone can be put in; the names are the API's. */
public enum Preset {
  COMFORT,
  ECO,
  AWAY,
  SLEEP,
  FROST;

  @JsonValue
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Preset of(String name) {
    for (Preset preset : values()) {
      if (preset.apiName().equals(name)) {
        return preset;
      }
    }
    throw new InvalidSettingsException("preset must be one of comfort, eco, away, sleep, frost, got " + name);
  }
}
