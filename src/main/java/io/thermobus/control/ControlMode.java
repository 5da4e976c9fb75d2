package io.thermobus.control;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What governs a zone's heater at the moment, most binding first in {@link ZoneController}'s order. */
public enum ControlMode {
  /** No fresh readings: heater off (overrides everything). */
  FAULT,
  /** An open window was detected: heater off for a while. */
  WINDOW_OPEN,
  /** The heater was on for the maximum time: off for the cool-down. */
  COOL_DOWN,
  /** The selected controller decides. */
  NORMAL;

  @JsonValue
  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
