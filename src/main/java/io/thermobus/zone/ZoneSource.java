package io.thermobus.zone;

import io.thermobus.mqtt.FieldPath;
import io.thermobus.mqtt.TopicName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a zone's readings come from and where its heater commands go: the built-in simulation, or
 * a sensor and a relay on the MQTT broker. The same object in a config file's zone entry and in a
 * {@code POST /api/zones} body: {@code {"type": "sim"}} or {@code {"type": "mqtt", "sensorTopic": ...}}.
 */
public sealed interface ZoneSource permits ZoneSource.Sim, ZoneSource.Mqtt {

  /** The default: the chapter's simulated room, heater and heat loss. */
  Sim SIM = new Sim();

  /** This source as the JSON object it was parsed from, defaults filled in. */
  Map<String, Object> toMap();

  /** The simulated room. */
  record Sim() implements ZoneSource {
    @Override
    public Map<String, Object> toMap() {
      return Map.of("type", "sim");
    }
  }

  /**
   * A real sensor and relay: readings on {@code sensorTopic} (a plain number, or JSON with the value
   * at {@code sensorField}), commands {@code heaterOn}/{@code heaterOff} to {@code heaterTopic} with
   * {@code heaterQos} and {@code heaterRetain}, and the relay's confirmation, when it gives one, on
   * {@code stateTopic}: {@code stateOn} or {@code stateOff} (by default the command payloads), as the
   * whole payload or at {@code stateField} of a JSON one.
   */
  record Mqtt(String sensorTopic, Optional<FieldPath> sensorField, String heaterTopic, String heaterOn, String heaterOff,
              int heaterQos, boolean heaterRetain, Optional<String> stateTopic, Optional<FieldPath> stateField,
              String stateOn, String stateOff)
      implements ZoneSource {

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("type", "mqtt");
      map.put("sensorTopic", sensorTopic);
      sensorField.ifPresent(field -> map.put("sensorField", field.toString()));
      map.put("heaterTopic", heaterTopic);
      map.put("heaterOn", heaterOn);
      map.put("heaterOff", heaterOff);
      map.put("heaterQos", heaterQos);
      map.put("heaterRetain", heaterRetain);
      stateTopic.ifPresent(topic -> map.put("stateTopic", topic));
      stateField.ifPresent(field -> map.put("stateField", field.toString()));
      if (stateTopic.isPresent()) {
        map.put("stateOn", stateOn);
        map.put("stateOff", stateOff);
      }
      return map;
    }
  }

  /** Thrown by {@link #parse} with a message naming the offending field, e.g. {@code source.sensorTopic: must not be empty}. */
  final class InvalidZoneSourceException extends IllegalArgumentException {
    InvalidZoneSourceException(String message) {
      super(message);
    }
  }

  String DEFAULT_ON = "ON";
  String DEFAULT_OFF = "OFF";
  int DEFAULT_QOS = 1;
  int MAX_PAYLOAD_LENGTH = 256;

  /**
   * Reads a source object (a JSON object as a map); {@code null} is the default, {@link #SIM}. An
   * mqtt source is refused unless {@code brokerConfigured}: without a broker it could never be driven.
   *
   * @throws InvalidZoneSourceException naming the first wrong field
   */
  static ZoneSource parse(Object value, boolean brokerConfigured) {
    if (value == null) {
      return SIM;
    }
    if (!(value instanceof Map<?, ?> source)) {
      throw new InvalidZoneSourceException("source: must be an object such as {\"type\": \"sim\"} or {\"type\": \"mqtt\", ...}");
    }
    Object type = source.get("type");
    if ("sim".equals(type)) {
      onlyKnownKeys(source, Set.of("type"));
      return SIM;
    }
    if (!"mqtt".equals(type)) {
      throw new InvalidZoneSourceException("source.type: must be \"sim\" or \"mqtt\"");
    }
    if (!brokerConfigured) {
      throw new InvalidZoneSourceException("source.type: \"mqtt\" needs a broker, and none is configured (mqttUrl)");
    }
    onlyKnownKeys(source, Set.of("type", "sensorTopic", "sensorField", "heaterTopic", "heaterOn", "heaterOff",
        "heaterQos", "heaterRetain", "stateTopic", "stateField", "stateOn", "stateOff"));
    String sensorTopic = topic(source, "sensorTopic").orElseThrow(() -> missing("sensorTopic"));
    String heaterTopic = topic(source, "heaterTopic").orElseThrow(() -> missing("heaterTopic"));
    Optional<String> stateTopic = topic(source, "stateTopic");
    if (sensorTopic.equals(heaterTopic) || stateTopic.filter(t -> t.equals(heaterTopic)).isPresent()) {
      throw new InvalidZoneSourceException("source.heaterTopic: must differ from sensorTopic and stateTopic, "
          + "or the zone would read its own commands");
    }
    String on = payload(source, "heaterOn", DEFAULT_ON);
    String off = payload(source, "heaterOff", DEFAULT_OFF);
    if (on.equals(off)) {
      throw new InvalidZoneSourceException("source.heaterOff: must differ from heaterOn");
    }
    Optional<FieldPath> stateField = field(source, "stateField");
    for (String key : new String[] {"stateField", "stateOn", "stateOff"}) {
      if (source.containsKey(key) && stateTopic.isEmpty()) {
        throw new InvalidZoneSourceException("source." + key + ": needs a stateTopic");
      }
    }
    String stateOn = payload(source, "stateOn", on);
    String stateOff = payload(source, "stateOff", off);
    if (stateOn.equals(stateOff)) {
      throw new InvalidZoneSourceException("source.stateOff: must differ from stateOn");
    }
    return new Mqtt(sensorTopic, field(source, "sensorField"), heaterTopic, on, off, qos(source), retain(source),
        stateTopic, stateField, stateOn, stateOff);
  }

  private static void onlyKnownKeys(Map<?, ?> source, Set<String> known) {
    for (Object key : source.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidZoneSourceException("source." + key + ": unknown; a " + source.get("type")
            + " source takes " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static InvalidZoneSourceException missing(String key) {
    return new InvalidZoneSourceException("source." + key + ": required for an mqtt source");
  }

  private static Optional<String> text(Map<?, ?> source, String key) {
    Object value = source.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new InvalidZoneSourceException("source." + key + ": must be a string");
    }
    return Optional.of(text);
  }

  private static Optional<String> topic(Map<?, ?> source, String key) {
    return checked(source, key, TopicName::check);
  }

  private static Optional<FieldPath> field(Map<?, ?> source, String key) {
    return checked(source, key, FieldPath::parse);
  }

  /** The text at {@code key} through a check that throws {@link IllegalArgumentException}, its message prefixed with the key. */
  private static <T> Optional<T> checked(Map<?, ?> source, String key, Function<String, T> check) {
    Optional<String> text = text(source, key);
    try {
      return text.map(check);
    } catch (IllegalArgumentException e) {
      throw new InvalidZoneSourceException("source." + key + ": " + e.getMessage());
    }
  }

  private static String payload(Map<?, ?> source, String key, String fallback) {
    String payload = text(source, key).orElse(fallback);
    if (payload.isEmpty() || payload.length() > MAX_PAYLOAD_LENGTH) {
      throw new InvalidZoneSourceException("source." + key + ": must be 1 to " + MAX_PAYLOAD_LENGTH + " characters");
    }
    return payload;
  }

  private static int qos(Map<?, ?> source) {
    Object value = source.get("heaterQos");
    if (value == null) {
      return DEFAULT_QOS;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0 && ((Number) value).longValue() <= 2) {
      return ((Number) value).intValue();
    }
    throw new InvalidZoneSourceException("source.heaterQos: must be 0, 1 or 2");
  }

  private static boolean retain(Map<?, ?> source) {
    Object value = source.get("heaterRetain");
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean retain) {
      return retain;
    }
    throw new InvalidZoneSourceException("source.heaterRetain: must be true or false");
  }
}
