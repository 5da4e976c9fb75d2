package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.ControlMode;
import io.thermobus.control.ControllerKind;
import io.thermobus.event.Readings;
import io.thermobus.event.ZoneState;
import io.thermobus.input.DesiredRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The discovery config follows Home Assistant's MQTT climate schema and points at the topics the zone's state is published on. */
class HomeAssistantDiscoveryTest {

  private final MqttSettings settings = new MqttSettings(BrokerUrl.parse("mqtt://127.0.0.1"), Optional.empty(),
      Optional.empty(), Optional.empty(), "node-1", Duration.ofSeconds(30), "thermobus", true, "homeassistant");
  private final HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(settings, new DesiredRange(500, 3500), 50, "0.1.0");

  @Test
  void announcesAZoneAsARetainedClimateConfigUnderTheDiscoveryPrefix() {
    MqttPublish announcement = discovery.announcement("attic");
    assertThat(announcement.topic()).isEqualTo("homeassistant/climate/thermobus_attic/config");
    assertThat(announcement.retain()).isTrue();
    JsonObject config = new JsonObject(announcement.payload());
    assertThat(config.getString("unique_id")).isEqualTo("thermobus_attic");
    assertThat(config.containsKey("name")).isTrue();
    assertThat(config.getValue("name")).isNull();
    assertThat(config.getJsonObject("device").getJsonArray("identifiers")).isEqualTo(new JsonArray().add("thermobus_attic"));
    assertThat(config.getJsonObject("device").getString("name")).isEqualTo("Thermobus attic");
    assertThat(config.getJsonArray("availability").getJsonObject(0).getMap())
        .containsEntry("topic", "thermobus/status").containsEntry("payload_available", "online")
        .containsEntry("payload_not_available", "offline");
    for (String key : new String[] {"current_temperature_topic", "temperature_state_topic", "mode_state_topic", "action_topic",
        "json_attributes_topic"}) {
      assertThat(config.getString(key)).as(key).isEqualTo("thermobus/attic/state");
    }
    assertThat(config.getString("temperature_command_topic")).isEqualTo("thermobus/attic/desired/set");
    assertThat(config.getString("current_temperature_template")).isEqualTo("{{ value_json.temperature }}");
    assertThat(config.getString("temperature_state_template")).isEqualTo("{{ value_json.desired }}");
    assertThat(config.getString("mode_state_template")).isEqualTo("{{ value_json.mode }}");
    assertThat(config.getString("action_template")).isEqualTo("{{ value_json.action }}");
    assertThat(config.getJsonArray("modes")).isEqualTo(new JsonArray().add("heat"));
    assertThat(config.getDouble("min_temp")).isEqualTo(5.0);
    assertThat(config.getDouble("max_temp")).isEqualTo(35.0);
    assertThat(config.getDouble("temp_step")).isEqualTo(0.5);
    assertThat(config.getDouble("precision")).isEqualTo(0.1);
    assertThat(config.getString("temperature_unit")).isEqualTo("C");
  }

  @Test
  void removesAZoneWithAnEmptyRetainedConfig() {
    assertThat(discovery.removal("attic")).isEqualTo(new MqttPublish("homeassistant/climate/thermobus_attic/config", "", 1, true));
  }

  @Test
  void publishesTheStateTheTemplatesRead() {
    ZoneTopics topics = ZoneTopics.of("thermobus", "attic");
    MqttPublish heating = ZoneStateMessage.of(topics, new ZoneState("attic", 2090, 2100, true, "", Instant.EPOCH, Readings.LIVE, null,
        ControllerKind.ONOFF, ControlMode.NORMAL));
    assertThat(heating.topic()).isEqualTo("thermobus/attic/state");
    assertThat(heating.retain()).isTrue();
    assertThat(new JsonObject(heating.payload())).isEqualTo(new JsonObject(
        "{\"zone\":\"attic\",\"temperature\":20.90,\"desired\":21.00,\"heaterOn\":true,\"readings\":\"live\",\"mode\":\"heat\",\"action\":\"heating\",\"fault\":null}"));
    assertThat(heating.payload()).contains("\"temperature\":20.90");
    MqttPublish faulted = ZoneStateMessage.of(topics, new ZoneState("attic", null, 2100, false, "", Instant.EPOCH, Readings.STALE, "sensor silent",
        ControllerKind.ONOFF, ControlMode.FAULT));
    assertThat(new JsonObject(faulted.payload()).getMap())
        .containsEntry("temperature", null).containsEntry("readings", "stale").containsEntry("action", "idle").containsEntry("fault", "sensor silent");
  }
}
