package io.thermobus.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The control algorithms a zone can run; their names are the API's. */
public enum ControllerKind {
  ONOFF,
  HYSTERESIS,
  TPI,
  PID,
  PREDICTIVE;

  @JsonValue
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ControllerKind of(String name) {
    for (ControllerKind kind : values()) {
      if (kind.apiName().equals(name)) {
        return kind;
      }
    }
    throw new InvalidSettingsException("controller must be one of "
        + Arrays.stream(values()).map(ControllerKind::apiName).collect(Collectors.joining(", ")) + ", got " + name);
  }
}
