package io.thermobus.event;

import io.thermobus.schedule.Preset;
import io.thermobus.schedule.Presets;
import io.thermobus.schedule.Schedule;

/**
 * A request to change one of a zone's setpoint settings (already validated); the zone's input
 * saves it, then applies it and publishes the desired temperature now in force.
 */
public sealed interface SetZoneSettings {

  String zone();

  /** Selects a preset, or with {@code null} returns to the manual setpoint. */
  record SetPreset(String zone, Preset preset) implements SetZoneSettings {}

  record SetPresets(String zone, Presets presets) implements SetZoneSettings {}

  record SetSchedule(String zone, Schedule schedule) implements SetZoneSettings {}
}
