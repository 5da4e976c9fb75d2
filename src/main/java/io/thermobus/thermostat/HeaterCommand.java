package io.thermobus.thermostat;

/** What a zone's control asks of its heater after an input: switch it on, off, or nothing. */
public enum HeaterCommand {
  NONE,
  ON,
  OFF
}
