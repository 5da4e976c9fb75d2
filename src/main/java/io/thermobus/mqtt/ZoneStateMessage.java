package io.thermobus.mqtt;

import io.thermobus.Json;
import io.thermobus.event.ZoneState;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A zone's state as published, retained, on its {@link ZoneTopics#state()} topic, with the mode and
 * action Home Assistant's climate entity reads from it: {@code heat} always (Thermobus has no off
 * mode), {@code heating} while the heater is on, else {@code idle}.
 */
public final class ZoneStateMessage {

  public static final String MODE = "heat";

  private ZoneStateMessage() {}

  public static MqttPublish of(ZoneTopics topics, ZoneState state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("zone", state.zone());
    body.put("temperature", state.temperature());
    body.put("desired", state.desired());
    body.put("heaterOn", state.heaterOn());
    body.put("readings", state.readings().wireName());
    body.put("mode", MODE);
    body.put("action", state.heaterOn() ? "heating" : "idle");
    body.put("fault", state.fault());
    return new MqttPublish(topics.state(), new String(Json.bytes(body), StandardCharsets.UTF_8), 1, true);
  }
}
