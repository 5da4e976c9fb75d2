package io.thermobus.thermostat;

import io.thermobus.control.ControlSettings;
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

  /**
   * Each zone's {@code ZoneController}, starting from {@code defaults} until its input sends the
   * zone's own settings.
   */
  static ZoneControls controllers(ControlSettings defaults) {
    return (zone, now, heaterOn, staleTimeout) -> new ControlledZone(defaults, staleTimeout, now, heaterOn);
  }
}
