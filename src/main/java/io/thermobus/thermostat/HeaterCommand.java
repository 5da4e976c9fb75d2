package io.thermobus.thermostat;

/**
 * What a zone's control asks of its heater after an input: switch it on, off, or nothing; or off
 * by the fail-safe (readings stale or a first one overdue), to be carried out at once whatever the
 * protections say.
 */
public enum HeaterCommand {
  NONE,
  ON,
  OFF,
  FORCED_OFF
}
