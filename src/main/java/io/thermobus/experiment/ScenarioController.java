package io.thermobus.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.ControllerKind;
import io.thermobus.control.InvalidSettingsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One controller a scenario runs: its settings and the name its results go by ({@code label},
 * by default the controller's name). In a file it is the zone settings' fields plus {@code label}
 * (the room is the scenario's), or just the controller's name.
 */
public record ScenarioController(String label, ControlSettings settings) {

  public ScenarioController {
    if (settings == null) {
      throw new InvalidSettingsException("controllers[] need settings");
    }
    label = label == null ? settings.controller().apiName() : label;
    if (!label.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")) {
      throw new InvalidSettingsException("controllers[].label must be 1–32 letters, digits, '.', '_' or '-', got " + label);
    }
  }

  /** A controller's name alone ({@code tpi}) runs it with its defaults. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ScenarioController json(Object value) {
    if (value instanceof String name) {
      return new ScenarioController(null, ControlSettings.CHAPTER.withController(ControllerKind.of(name)));
    }
    if (!(value instanceof Map<?, ?> fields)) {
      throw new InvalidSettingsException("controllers[] must be a controller's name or its settings");
    }
    Map<Object, Object> settings = new LinkedHashMap<>(fields);
    Object label = settings.remove("label");
    if (settings.containsKey("room")) {
      throw new InvalidSettingsException("controllers[] take the scenario's room: move room to the scenario");
    }
    if (label != null && !(label instanceof String)) {
      throw new InvalidSettingsException("controllers[].label must be a string");
    }
    return new ScenarioController((String) label, ScenarioFiles.convert(settings, ControlSettings.class));
  }
}
