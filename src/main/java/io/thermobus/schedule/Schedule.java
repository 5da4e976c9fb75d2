package io.thermobus.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.control.InvalidSettingsException;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A zone's weekly schedule. The setpoint at a moment of the week is that of the latest entry at
 * or before it, going back across midnight and across the week's end (Sunday to Monday) when
 * the day has none yet. An empty schedule sets nothing.
 */
public record Schedule(List<ScheduleEntry> entries) {

  public static final Schedule EMPTY = new Schedule(List.of());
  static final long WEEK_SECONDS = 7 * 86_400;
  private static final int MAX_ENTRIES = 200;

  /** One expanded switch of the week: at second {@code at} after Monday 00:00. */
  private record Switch(long at, ScheduleEntry entry) {}

  public Schedule {
    entries = List.copyOf(entries == null ? List.of() : entries);
    if (entries.size() > MAX_ENTRIES) {
      throw new InvalidSettingsException("schedule.entries may have at most " + MAX_ENTRIES + " entries, got " + entries.size());
    }
    List<Switch> week = expand(entries);
    for (int i = 1; i < week.size(); i++) {
      if (week.get(i).at == week.get(i - 1).at) {
        throw new InvalidSettingsException("schedule.entries has two entries for " + describe(week.get(i).at));
      }
    }
  }

  @JsonCreator
  static Schedule json(@JsonProperty("entries") List<ScheduleEntry> entries) {
    return new Schedule(entries);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The temperature the schedule sets at second {@code secondOfWeek} (0 = Monday 00:00); the schedule must not be empty. */
  public int centiAt(long secondOfWeek, Presets presets) {
    return current(secondOfWeek).entry.centi(presets);
  }

  /** Seconds from {@code secondOfWeek} to the schedule's next switch (within a week) and the temperature it sets. */
  public Next next(long secondOfWeek, Presets presets) {
    long s = Math.floorMod(secondOfWeek, WEEK_SECONDS);
    List<Switch> week = expand(entries);
    for (Switch candidate : week) {
      if (candidate.at > s) {
        return new Next(candidate.at - s, candidate.entry.centi(presets));
      }
    }
    Switch first = week.get(0);
    return new Next(first.at + WEEK_SECONDS - s, first.entry.centi(presets));
  }

  public record Next(long inSeconds, int centi) {}

  private Switch current(long secondOfWeek) {
    long s = Math.floorMod(secondOfWeek, WEEK_SECONDS);
    List<Switch> week = expand(entries);
    Switch current = week.get(week.size() - 1); // last week's last switch
    for (Switch candidate : week) {
      if (candidate.at <= s) {
        current = candidate;
      }
    }
    return current;
  }

  private static List<Switch> expand(List<ScheduleEntry> entries) {
    List<Switch> week = new ArrayList<>();
    for (ScheduleEntry entry : entries) {
      for (DayOfWeek day : entry.daysOfWeek()) {
        week.add(new Switch((day.getValue() - 1) * 86_400L + entry.at().toSecondOfDay(), entry));
      }
    }
    week.sort(Comparator.comparingLong(Switch::at));
    return week;
  }

  private static String describe(long secondOfWeek) {
    DayOfWeek day = DayOfWeek.of((int) (secondOfWeek / 86_400) + 1);
    long s = secondOfWeek % 86_400;
    return day.toString().substring(0, 3).toLowerCase(java.util.Locale.ROOT) + " " + String.format("%02d:%02d", s / 3600, s / 60 % 60);
  }
}
