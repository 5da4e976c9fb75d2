package io.thermobus.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.control.ControlSettings;
import io.thermobus.schedule.Preset;
import io.thermobus.schedule.Presets;
import io.thermobus.schedule.Schedule;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The user settings of one zone that survive a restart, as stored on disk (°C, two decimals):
 * the manual desired temperature, the selected preset ({@code null}: manual), the presets, the
 * weekly schedule and the control settings ({@code null}: the configured defaults). Files written
 * before the last four existed read with their defaults: no preset, the default presets, no
 * schedule, the configured control.
 */
public record ZoneSettings(int version, BigDecimal desired, Preset preset, Presets presets, Schedule schedule,
    ControlSettings control) {

  public static final int VERSION = 1;

  @JsonCreator
  public ZoneSettings(@JsonProperty("version") int version, @JsonProperty("desired") BigDecimal desired,
      @JsonProperty("preset") Preset preset, @JsonProperty("presets") Presets presets,
      @JsonProperty("schedule") Schedule schedule, @JsonProperty("control") ControlSettings control) {
    this.version = version;
    this.desired = Objects.requireNonNull(desired, "desired");
    this.preset = preset;
    this.presets = presets == null ? Presets.DEFAULT : presets;
    this.schedule = schedule == null ? Schedule.EMPTY : schedule;
    this.control = control;
  }

  public ZoneSettings(int version, BigDecimal desired) {
    this(version, desired, null, null, null, null);
  }

  public static ZoneSettings ofDesiredCenti(int desiredCenti) {
    return new ZoneSettings(VERSION, Centi.toCelsius(desiredCenti));
  }

  /** The zone's control settings, or {@code configured} when the zone has none of its own. */
  public ControlSettings controlOr(ControlSettings configured) {
    return control == null ? configured : control;
  }

  public ZoneSettings withDesiredCenti(int desiredCenti) {
    return new ZoneSettings(VERSION, Centi.toCelsius(desiredCenti), preset, presets, schedule, control);
  }

  public ZoneSettings withPreset(Preset newPreset) {
    return new ZoneSettings(VERSION, desired, newPreset, presets, schedule, control);
  }

  public ZoneSettings withPresets(Presets newPresets) {
    return new ZoneSettings(VERSION, desired, preset, newPresets, schedule, control);
  }

  public ZoneSettings withSchedule(Schedule newSchedule) {
    return new ZoneSettings(VERSION, desired, preset, presets, newSchedule, control);
  }

  public ZoneSettings withControl(ControlSettings newControl) {
    return new ZoneSettings(VERSION, desired, preset, presets, schedule, newControl);
  }
}
