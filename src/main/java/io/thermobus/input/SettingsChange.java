package io.thermobus.input;

import io.thermobus.event.DesiredChanged;
import io.thermobus.event.SetZoneSettings;
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.settings.ZoneSettings;
import java.util.function.ObjLongConsumer;

/**
 * A change of a zone's preset, presets or schedule: the settings to save, and, once saved, how it
 * changes the zone's setpoint and which source the desired temperature it puts in force is
 * published with.
 */
record SettingsChange(ZoneSettings settings, ObjLongConsumer<ZoneSetpoint> apply, String source) {

  static SettingsChange of(SetZoneSettings request, ZoneSettings saved) {
    if (request instanceof SetZoneSettings.SetPreset preset) {
      return new SettingsChange(saved.withPreset(preset.preset()),
          (setpoint, now) -> setpoint.preset(preset.preset(), now), DesiredChanged.PRESET);
    }
    if (request instanceof SetZoneSettings.SetPresets presets) {
      return new SettingsChange(saved.withPresets(presets.presets()),
          (setpoint, now) -> setpoint.presets(presets.presets()), DesiredChanged.PRESET);
    }
    SetZoneSettings.SetSchedule schedule = (SetZoneSettings.SetSchedule) request;
    return new SettingsChange(saved.withSchedule(schedule.schedule()),
        (setpoint, now) -> setpoint.schedule(schedule.schedule(), now), DesiredChanged.SCHEDULE);
  }
}
