package io.thermobus.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.mqtt.FieldPath;
import io.thermobus.zone.ZoneSource.InvalidZoneSourceException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneSourceTest {

  @Test
  void noSourceAndTheSimSourceAreTheSimulation() {
    assertThat(ZoneSource.parse(null, true)).isEqualTo(ZoneSource.SIM);
    assertThat(ZoneSource.parse(new JsonObject().put("type", "sim").getMap(), true)).isEqualTo(ZoneSource.SIM);
    assertThat(ZoneSource.SIM.toMap()).isEqualTo(new JsonObject().put("type", "sim").getMap());
  }

  @Test
  void readsATasmotaSourceWithItsDefaults() {
    ZoneSource source = ZoneSource.parse(new JsonObject("""
        {"type": "mqtt", "sensorTopic": "tele/attic/SENSOR", "sensorField": "DS18B20.Temperature",
         "heaterTopic": "cmnd/attic/POWER", "stateTopic": "stat/attic/POWER"}""").getMap(), true);
    assertThat(source).isEqualTo(new ZoneSource.Mqtt("tele/attic/SENSOR", Optional.of(new FieldPath(List.of("DS18B20", "Temperature"))),
        "cmnd/attic/POWER", "ON", "OFF", 1, false, Optional.of("stat/attic/POWER"), Optional.empty(), "ON", "OFF"));
  }

  @Test
  void givesBackWhatItReadWithTheDefaultsFilledIn() {
    JsonObject written = new JsonObject("""
        {"type": "mqtt", "sensorTopic": "zigbee2mqtt/attic_sensor", "sensorField": "temperature",
         "heaterTopic": "zigbee2mqtt/attic_relay/set", "heaterOn": "{\\"state\\":\\"ON\\"}", "heaterOff": "{\\"state\\":\\"OFF\\"}",
         "heaterQos": 2, "heaterRetain": true, "stateTopic": "zigbee2mqtt/attic_relay", "stateField": "state",
         "stateOn": "ON", "stateOff": "OFF"}""");
    ZoneSource source = ZoneSource.parse(written.getMap(), true);
    assertThat(new JsonObject(source.toMap())).isEqualTo(written);
    assertThat(ZoneSource.parse(source.toMap(), true)).isEqualTo(source);
  }

  @Test
  void refusesAnMqttSourceWithoutABroker() {
    assertThatThrownBy(() -> ZoneSource.parse(new JsonObject().put("type", "mqtt").put("sensorTopic", "s").put("heaterTopic", "h")
        .getMap(), false))
        .isInstanceOf(InvalidZoneSourceException.class)
        .hasMessageContaining("source.type: \"mqtt\" needs a broker");
    assertThat(ZoneSource.parse(new JsonObject().put("type", "sim").getMap(), false)).isEqualTo(ZoneSource.SIM);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "'\"sim\"'                                                                  | source: must be an object",
      "'{}'                                                                       | source.type: must be \"sim\" or \"mqtt\"",
      "'{\"type\": \"zigbee\"}'                                                   | source.type: must be \"sim\" or \"mqtt\"",
      "'{\"type\": \"sim\", \"sensorTopic\": \"a\"}'                              | source.sensorTopic: unknown; a sim source takes type",
      "'{\"type\": \"mqtt\", \"heaterTopic\": \"h\"}'                             | source.sensorTopic: required",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\"}'                             | source.heaterTopic: required",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s/+\", \"heaterTopic\": \"h\"}'   | source.sensorTopic: 's/+' must be an exact topic",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"\", \"heaterTopic\": \"h\"}'      | source.sensorTopic: must not be empty",
      "'{\"type\": \"mqtt\", \"sensorTopic\": 5, \"heaterTopic\": \"h\"}'         | source.sensorTopic: must be a string",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"s\"}'     | source.heaterTopic: must differ",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"stateTopic\": \"h\"}' | source.heaterTopic: must differ",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"heaterOn\": \"X\", \"heaterOff\": \"X\"}' | source.heaterOff: must differ from heaterOn",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"heaterOn\": \"\"}' | source.heaterOn: must be 1 to 256 characters",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"heaterQos\": 3}' | source.heaterQos: must be 0, 1 or 2",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"heaterQos\": \"1\"}' | source.heaterQos: must be 0, 1 or 2",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"heaterRetain\": \"yes\"}' | source.heaterRetain: must be true or false",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"sensorField\": \"a..b\"}' | source.sensorField: 'a..b' must be 1 to 8 non-empty names",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"stateField\": \"state\"}' | source.stateField: needs a stateTopic",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"qos\": 1}' | source.qos: unknown; a mqtt source takes",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"stateOn\": \"1\"}' | source.stateOn: needs a stateTopic",
      "'{\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\", \"stateTopic\": \"t\", \"stateOn\": \"1\", \"stateOff\": \"1\"}' | source.stateOff: must differ from stateOn",
  })
  void refusesABadSourceNamingTheField(String json, String message) {
    Object value = io.vertx.core.json.Json.decodeValue(json);
    Object source = value instanceof JsonObject object ? object.getMap() : value;
    assertThatThrownBy(() -> ZoneSource.parse(source, true))
        .isInstanceOf(InvalidZoneSourceException.class)
        .hasMessageContaining(message);
  }
}
