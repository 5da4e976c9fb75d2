package io.thermobus.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.control.InvalidSettingsException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * From {@code at} on the given days (all days when none are listed), the zone's setpoint is a
 * preset or a temperature, exactly one of the two. Days are {@code mon} … {@code sun}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleEntry(List<String> days, @JsonFormat(pattern = "HH:mm") LocalTime at, Preset preset, Double celsius) {

  private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public ScheduleEntry {
    days = List.copyOf(days == null || days.isEmpty() ? DAY_NAMES : days);
    for (String day : days) {
      if (!DAY_NAMES.contains(day)) {
        throw new InvalidSettingsException("schedule.entries[].days must name days as mon, tue, wed, thu, fri, sat, sun, got " + day);
      }
    }
    if (at == null) {
      throw new InvalidSettingsException("schedule.entries[].at is required (HH:MM)");
    }
    if ((preset == null) == (celsius == null)) {
      throw new InvalidSettingsException("schedule.entries[] needs exactly one of preset and celsius (at " + at + ")");
    }
    if (celsius != null) {
      InvalidSettingsException.requireRange("schedule.entries[].celsius", celsius, 5, 35);
    }
  }

  @JsonCreator
  static ScheduleEntry json(@JsonProperty("days") List<String> days, @JsonProperty("at") String at,
      @JsonProperty("preset") Preset preset, @JsonProperty("celsius") Double celsius) {
    try {
      return new ScheduleEntry(days == null ? null : days.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList(),
          at == null ? null : LocalTime.parse(at), preset, celsius);
    } catch (DateTimeParseException e) {
      throw new InvalidSettingsException("schedule.entries[].at must be a time of day HH:MM, got " + at);
    }
  }

  Set<DayOfWeek> daysOfWeek() {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    days.forEach(day -> set.add(DayOfWeek.of(DAY_NAMES.indexOf(day) + 1)));
    return set;
  }

  int centi(Presets presets) {
    return preset != null ? presets.centi(preset) : io.thermobus.sim.Centi.fromCelsius(celsius);
  }
}
