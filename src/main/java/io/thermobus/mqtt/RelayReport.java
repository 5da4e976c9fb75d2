package io.thermobus.mqtt;

import io.thermobus.zone.ZoneSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the state a relay reports on its state topic: the zone's {@code stateOn} or {@code stateOff}
 * (Tasmota's {@code ON}/{@code OFF}) as the whole payload, or as the text at {@code stateField} of a
 * JSON payload (Zigbee2MQTT's {@code {"state":"ON"}}). Anything else says nothing. Pure.
 */
public final class RelayReport {

  private RelayReport() {}

  public static Optional<Boolean> read(ZoneSource.Mqtt source, String payload) {
    if (payload.length() > SensorPayload.MAX_LENGTH) {
      return Optional.empty();
    }
    String state = payload.strip();
    if (source.stateField().isPresent()) {
      try {
        JsonNode node = source.stateField().get().lookup(SensorPayload.STRICT.readTree(payload));
        if (node == null || !node.isTextual()) {
          return Optional.empty();
        }
        state = node.textValue();
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
    if (state.equals(source.stateOn())) {
      return Optional.of(true);
    }
    return state.equals(source.stateOff()) ? Optional.of(false) : Optional.empty();
  }
}
