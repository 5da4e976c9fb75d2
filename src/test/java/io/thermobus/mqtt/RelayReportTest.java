package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.zone.ZoneSource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RelayReportTest {

  private final ZoneSource.Mqtt tasmota = (ZoneSource.Mqtt) ZoneSource.parse(new JsonObject()
      .put("type", "mqtt").put("sensorTopic", "tele/a/SENSOR").put("heaterTopic", "cmnd/a/POWER")
      .put("stateTopic", "stat/a/POWER").getMap(), true);
  // Zigbee2MQTT takes {"state":"ON"} on FRIENDLY_NAME/set and reports JSON with the field state on FRIENDLY_NAME.
  private final ZoneSource.Mqtt zigbee2mqtt = (ZoneSource.Mqtt) ZoneSource.parse(new JsonObject()
      .put("type", "mqtt").put("sensorTopic", "zigbee2mqtt/sensor").put("heaterTopic", "zigbee2mqtt/relay/set")
      .put("heaterOn", "{\"state\":\"ON\"}").put("heaterOff", "{\"state\":\"OFF\"}")
      .put("stateTopic", "zigbee2mqtt/relay").put("stateField", "state").put("stateOn", "ON").put("stateOff", "OFF").getMap(), true);
  private final ZoneSource.Mqtt shelly = (ZoneSource.Mqtt) ZoneSource.parse(new JsonObject()
      .put("type", "mqtt").put("sensorTopic", "shellies/h/temperature").put("heaterTopic", "shellies/h/relay/0/command")
      .put("heaterOn", "on").put("heaterOff", "off").put("stateTopic", "shellies/h/relay/0").getMap(), true);

  @Test
  void readsThePlainOnAndOffPayloads() {
    assertThat(RelayReport.read(tasmota, "ON")).contains(true);
    assertThat(RelayReport.read(tasmota, " OFF\n")).contains(false);
    assertThat(RelayReport.read(tasmota, "on")).isEmpty();
    assertThat(RelayReport.read(tasmota, "TOGGLE")).isEmpty();
    assertThat(RelayReport.read(shelly, "on")).as("the command words by default").contains(true);
    assertThat(RelayReport.read(shelly, "off")).contains(false);
  }

  @Test
  void readsTheStateFieldOfAJsonReport() {
    assertThat(RelayReport.read(zigbee2mqtt, "{\"state\":\"ON\",\"linkquality\":87}")).contains(true);
    assertThat(RelayReport.read(zigbee2mqtt, "{\"state\":\"OFF\"}")).contains(false);
    assertThat(RelayReport.read(zigbee2mqtt, "{\"state\":true}")).isEmpty();
    assertThat(RelayReport.read(zigbee2mqtt, "{\"linkquality\":87}")).isEmpty();
    assertThat(RelayReport.read(zigbee2mqtt, "{broken")).isEmpty();
  }
}
