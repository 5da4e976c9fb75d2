package io.thermobus.thermostat;

import java.time.Duration;

/**
 * Makes the {@link ZoneControl} of each zone a display shard hosts: the one place where the kind
 * of control is chosen.
 */
@FunctionalInterface
public interface ZoneControls {

  /**
   * @param now          the node's simulated time
   * @param heaterOn     the heater's state as last seen (false for a new zone)
   * @param staleTimeout simulated time without readings before the fail-safe switches the heater off
   */
  ZoneControl create(String zone, long now, boolean heaterOn, Duration staleTimeout);

  /** The chapter's rule with the configured tolerances and actuator delay. */
  static ZoneControls chapter(Thermostat thermostat, Duration actuatorDelay) {
    return (zone, now, heaterOn, staleTimeout) -> new ChapterControl(thermostat, actuatorDelay, staleTimeout, now, heaterOn);
  }
}
