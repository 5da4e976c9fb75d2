package io.thermobus.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/**
 * Where a value sits in a JSON payload: names separated by dots, {@code temperature} for
 * Zigbee2MQTT, {@code DS18B20.Temperature} for Tasmota.
 */
public record FieldPath(List<String> names) {

  private static final int MAX_NAMES = 8;
  private static final int MAX_LENGTH = 128;

  public FieldPath {
    names = List.copyOf(names);
  }

  /** @throws IllegalArgumentException when a name is empty or the path is too long */
  public static FieldPath parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be 1 to " + MAX_LENGTH + " characters, names separated by dots");
    }
    List<String> names = Arrays.asList(text.split("\\.", -1));
    if (names.size() > MAX_NAMES || names.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("'" + text + "' must be 1 to " + MAX_NAMES + " non-empty names separated by dots");
    }
    return new FieldPath(names);
  }

  /** The node at this path under {@code root}, or {@code null} when a name on the way is missing. */
  public JsonNode lookup(JsonNode root) {
    JsonNode node = root;
    for (String name : names) {
      node = node == null ? null : node.get(name);
    }
    return node;
  }

  @Override
  public String toString() {
    return String.join(".", names);
  }
}
