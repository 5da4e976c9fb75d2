package io.thermobus.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.schedule.Presets;
import io.thermobus.schedule.Schedule;
import io.thermobus.schedule.WeekClock;
import io.thermobus.sim.Centi;
import io.thermobus.sim.RoomModel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An experiment: a room, its start, setpoints and disturbances, and the controllers to run
 * through it one after another, each from the same start. Readings come whenever the room's
 * temperature (in hundredths) changes and at least every {@code heartbeatSeconds}; the outside
 * temperature is told to the controllers every heartbeat when the room model has one.
 */
public record Scenario(String name, String description, Duration duration, WeekClock start, RoomModel room,
    double initialTemperature, double desired, Presets presets, Schedule schedule, long heartbeatSeconds,
    long staleTimeoutSeconds, List<Disturbance> disturbances, List<ScenarioController> controllers) {

  static final Duration MAX_DURATION = Duration.ofDays(28);
  static final int MAX_CONTROLLERS = 8;
  static final int MAX_DISTURBANCES = 100;

  public Scenario {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new InvalidSettingsException("name must be 1–64 letters, digits, '.', '_' or '-', got " + name);
    }
    description = description == null ? "" : description;
    if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new InvalidSettingsException("duration must be between PT1M and P28D, got " + duration);
    }
    start = start == null ? WeekClock.MONDAY_MIDNIGHT : start;
    room = room == null ? RoomModel.CHAPTER : room;
    InvalidSettingsException.requireRange("initialTemperature", initialTemperature, -30, 50);
    InvalidSettingsException.requireRange("desired", desired, 5, 35);
    presets = presets == null ? Presets.DEFAULT : presets;
    schedule = schedule == null ? Schedule.EMPTY : schedule;
    InvalidSettingsException.requireRange("heartbeatSeconds", heartbeatSeconds, 1, 3600);
    InvalidSettingsException.requireRange("staleTimeoutSeconds", staleTimeoutSeconds, 1, 86_400);
    disturbances = List.copyOf(disturbances == null ? List.of() : disturbances);
    if (disturbances.size() > MAX_DISTURBANCES) {
      throw new InvalidSettingsException("disturbances may have at most " + MAX_DISTURBANCES + " entries");
    }
    for (Disturbance disturbance : disturbances) {
      if (disturbance.at().compareTo(duration) >= 0) {
        throw new InvalidSettingsException("disturbances[] must start before the end of the duration " + duration
            + ", one starts at " + disturbance.at());
      }
    }
    controllers = List.copyOf(controllers == null ? List.of() : controllers);
    if (controllers.isEmpty() || controllers.size() > MAX_CONTROLLERS) {
      throw new InvalidSettingsException("controllers must list 1 to " + MAX_CONTROLLERS + " controllers, got " + controllers.size());
    }
    Set<String> labels = new HashSet<>();
    for (ScenarioController controller : controllers) {
      if (!labels.add(controller.label())) {
        throw new InvalidSettingsException("controllers has two entries named " + controller.label() + ": give one a label");
      }
    }
  }

  @JsonCreator
  static Scenario json(@JsonProperty("name") String name, @JsonProperty("description") String description,
      @JsonProperty("duration") Duration duration, @JsonProperty("start") String start,
      @JsonProperty("room") RoomModel room, @JsonProperty("initialTemperature") Double initialTemperature,
      @JsonProperty("desired") Double desired, @JsonProperty("presets") Presets presets,
      @JsonProperty("schedule") Schedule schedule, @JsonProperty("heartbeatSeconds") Long heartbeat,
      @JsonProperty("staleTimeoutSeconds") Long staleTimeout, @JsonProperty("disturbances") List<Disturbance> disturbances,
      @JsonProperty("controllers") List<ScenarioController> controllers) {
    return new Scenario(name, description, duration, weekClock(start), room,
        initialTemperature == null ? 20.9 : initialTemperature, desired == null ? 21 : desired, presets, schedule,
        heartbeat == null ? 60 : heartbeat, staleTimeout == null ? 180 : staleTimeout, disturbances, controllers);
  }

  /** {@code "mon 00:00"}: the day and time of the week the scenario starts. */
  private static WeekClock weekClock(String start) {
    if (start == null) {
      return null;
    }
    String[] parts = start.trim().toLowerCase(Locale.ROOT).split("\\s+");
    List<String> days = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    try {
      if (parts.length == 2 && days.contains(parts[0])) {
        return new WeekClock(DayOfWeek.of(days.indexOf(parts[0]) + 1), LocalTime.parse(parts[1]));
      }
    } catch (java.time.format.DateTimeParseException e) {
      // answered below
    }
    throw new InvalidSettingsException("start must be a day and a time of day like \"mon 06:30\", got " + start);
  }

  /** The settings a controller runs with in this scenario: its own, in the scenario's room. */
  ControlSettings settingsOf(ScenarioController controller) {
    ControlSettings own = controller.settings();
    return new ControlSettings(own.controller(), own.hysteresis(), own.tpi(), own.pid(), own.predictive(),
        own.protections(), own.actuatorDelaySeconds(), room);
  }

  int initialCenti() {
    return Centi.fromCelsius(initialTemperature);
  }

  int desiredCenti() {
    return Centi.fromCelsius(desired);
  }
}
