package io.thermobus.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.thermobus.control.InvalidSettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenarios: the shipped ones by name, others from a YAML or JSON file (JSON is YAML too).
 * Strict: an unknown field is an error, so a misspelt setting is not silently a default.
 */
public final class ScenarioFiles {

  public static final List<String> SHIPPED = List.of("chapter", "winter", "window");
  static final int MAX_BYTES = 256 * 1024;

  /** Built on first use: the service names {@link #SHIPPED} at start-up and rarely reads a scenario. */
  private static final class Mapper {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private ScenarioFiles() {}

  /** A shipped scenario by name, or else the file at that path. */
  public static Scenario load(String nameOrFile) {
    if (SHIPPED.contains(nameOrFile)) {
      return shipped(nameOrFile);
    }
    Path file = Path.of(nameOrFile);
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidSettingsException(file + " is larger than " + MAX_BYTES + " bytes");
      }
      return parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidSettingsException("no shipped scenario " + nameOrFile + " (" + String.join(", ", SHIPPED)
          + ") and no such file");
    } catch (IOException e) {
      throw new InvalidSettingsException(file + " cannot be read: " + e.getMessage());
    }
  }

  /** One of the {@link #SHIPPED} scenarios; refuses any other name (never a file: this is what a remote caller may name). */
  public static Scenario shipped(String name) {
    if (!SHIPPED.contains(name)) {
      throw new InvalidSettingsException("no shipped scenario " + name + " (" + String.join(", ", SHIPPED) + ")");
    }
    try (InputStream in = ScenarioFiles.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("the shipped scenario " + name + " is missing", e);
    }
  }

  /** A scenario from YAML or JSON bytes. */
  public static Scenario parse(byte[] yamlOrJson) {
    if (yamlOrJson.length > MAX_BYTES) {
      throw new InvalidSettingsException("a scenario may have at most " + MAX_BYTES + " bytes");
    }
    if (new String(yamlOrJson, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new InvalidSettingsException("the scenario is empty");
    }
    try {
      Scenario scenario = Mapper.YAML.readValue(yamlOrJson, Scenario.class);
      if (scenario == null) {
        throw new InvalidSettingsException("the scenario is empty");
      }
      return scenario;
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /** Settings of {@code type} from a parsed JSON or YAML tree, strictly: a bad or unknown field names itself. */
  public static <T> T convert(Object tree, Class<T> type) {
    try {
      return Mapper.YAML.convertValue(tree, type);
    } catch (IllegalArgumentException e) {
      throw e instanceof InvalidSettingsException invalid ? invalid
          : invalid(e.getCause() instanceof JsonMappingException mapping ? mapping : e);
    }
  }

  /** Our own message when a setting's constructor refused it; else which field, or where the syntax broke. */
  private static InvalidSettingsException invalid(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidSettingsException invalid) {
        return invalid;
      }
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = field(mapping.getPath());
      if (mapping instanceof UnrecognizedPropertyException) {
        return new InvalidSettingsException("unknown field " + field);
      }
      Object value = mapping instanceof InvalidFormatException format ? format.getValue() : null;
      return new InvalidSettingsException(field + " has the wrong type or form" + (value == null ? "" : ", got " + value)
          + " (durations are ISO-8601, e.g. PT1H)");
    }
    String where = e instanceof JsonProcessingException json && json.getLocation() != null
        ? " at line " + json.getLocation().getLineNr() : "";
    return new InvalidSettingsException("not a valid scenario: not JSON or YAML of the scenario's shape" + where);
  }

  private static String field(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        field.append('[').append(step.getIndex()).append(']');
      }
    }
    return field.length() == 0 ? "the scenario" : field.toString();
  }
}
