package io.thermobus.mqtt;

import io.thermobus.Json;
import io.thermobus.input.DesiredRange;
import io.thermobus.sim.Centi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces zones to Home Assistant through MQTT discovery, each as a {@code climate} entity of its
 * own device, following Home Assistant's MQTT climate schema: current and target temperature,
 * mode and action read from the zone's retained state topic, the target set on its command topic,
 * availability from the node's status topic. The config is retained, so Home Assistant finds it
 * after its own restart; an empty retained config removes the entity.
 */
public final class HomeAssistantDiscovery {

  private final MqttSettings settings;
  private final DesiredRange range;
  private final int stepCenti;
  private final String version;

  public HomeAssistantDiscovery(MqttSettings settings, DesiredRange range, int stepCenti, String version) {
    this.settings = settings;
    this.range = range;
    this.stepCenti = stepCenti;
    this.version = version;
  }

  /** {@code <discoveryPrefix>/climate/thermobus_<zone>/config}. */
  public String configTopic(String zone) {
    return settings.discoveryPrefix() + "/climate/" + uniqueId(zone) + "/config";
  }

  /** The retained config that creates (or updates) the zone's entity. */
  public MqttPublish announcement(String zone) {
    return new MqttPublish(configTopic(zone), new String(Json.bytes(config(zone)), StandardCharsets.UTF_8), 1, true);
  }

  /** The empty retained config that deletes the zone's entity and clears the broker's copy. */
  public MqttPublish removal(String zone) {
    return new MqttPublish(configTopic(zone), "", 1, true);
  }

  Map<String, Object> config(String zone) {
    ZoneTopics topics = ZoneTopics.of(settings.statePrefix(), zone);
    Map<String, Object> config = new LinkedHashMap<>();
    // A null name makes the entity take its device's name, as Home Assistant advises for a device's main entity.
    config.put("name", null);
    config.put("unique_id", uniqueId(zone));
    config.put("device", Map.of(
        "identifiers", List.of(uniqueId(zone)),
        "name", "Thermobus " + zone,
        "manufacturer", "Thermobus",
        "model", "zone",
        "sw_version", version));
    config.put("origin", Map.of("name", "Thermobus", "sw_version", version));
    config.put("availability", List.of(Map.of(
        "topic", settings.availabilityTopic(),
        "payload_available", MqttSettings.ONLINE,
        "payload_not_available", MqttSettings.OFFLINE)));
    config.put("current_temperature_topic", topics.state());
    config.put("current_temperature_template", "{{ value_json.temperature }}");
    config.put("temperature_state_topic", topics.state());
    config.put("temperature_state_template", "{{ value_json.desired }}");
    config.put("temperature_command_topic", topics.desiredCommand());
    config.put("mode_state_topic", topics.state());
    config.put("mode_state_template", "{{ value_json.mode }}");
    config.put("modes", List.of(ZoneStateMessage.MODE));
    config.put("action_topic", topics.state());
    config.put("action_template", "{{ value_json.action }}");
    config.put("json_attributes_topic", topics.state());
    config.put("min_temp", Centi.toCelsius(range.minCenti()));
    config.put("max_temp", Centi.toCelsius(range.maxCenti()));
    config.put("temp_step", Centi.toCelsius(stepCenti));
    config.put("precision", 0.1);
    config.put("temperature_unit", "C");
    config.put("qos", 1);
    return config;
  }

  private static String uniqueId(String zone) {
    return "thermobus_" + zone;
  }
}
