package io.thermobus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.mqtt.BrokerUrl;
import io.thermobus.mqtt.MqttSettings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The broker options: off by default, typed and checked at start, the password never shown. */
class MqttConfigTest {

  @Test
  void runsWithoutABrokerByDefault() {
    assertThat(ThermobusConfig.defaults().mqtt()).isEmpty();
  }

  @Test
  void readsEveryBrokerOption() {
    MqttSettings mqtt = ThermobusConfig.from(new JsonObject()
        .put("mqttUrl", "mqtts://broker.example:8884").put("mqttUsername", "heating").put("mqttPassword", "s3cret")
        .put("mqttClientId", "thermobus-attic").put("mqttKeepAlive", "15").put("mqttStatePrefix", "house/heating")
        .put("mqttDiscovery", "false").put("mqttDiscoveryPrefix", "ha")).mqtt().orElseThrow();
    assertThat(mqtt.url()).isEqualTo(new BrokerUrl(true, "broker.example", 8884));
    assertThat(mqtt.username()).contains("heating");
    assertThat(mqtt.password()).contains("s3cret");
    assertThat(mqtt.clientId()).isEqualTo("thermobus-attic");
    assertThat(mqtt.keepAlive()).isEqualTo(Duration.ofSeconds(15));
    assertThat(mqtt.availabilityTopic()).isEqualTo("house/heating/status");
    assertThat(mqtt.discovery()).isFalse();
    assertThat(mqtt.discoveryPrefix()).isEqualTo("ha");
  }

  @Test
  void defaultsThePortByTheSchemeAndGeneratesAClientId() {
    MqttSettings plain = ThermobusConfig.from(new JsonObject().put("mqttUrl", "mqtt://127.0.0.1")).mqtt().orElseThrow();
    assertThat(plain.url()).isEqualTo(new BrokerUrl(false, "127.0.0.1", 1883));
    assertThat(plain.clientId()).matches("thermobus-[0-9a-f]{8}");
    assertThat(plain.username()).isEmpty();
    assertThat(plain.password()).isEmpty();
    assertThat(plain.keepAlive()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plain.statePrefix()).isEqualTo("thermobus");
    assertThat(plain.discovery()).isTrue();
    assertThat(plain.discoveryPrefix()).isEqualTo("homeassistant");
    assertThat(ThermobusConfig.from(new JsonObject().put("mqttUrl", "mqtts://[::1]")).mqtt())
        .map(MqttSettings::url).contains(new BrokerUrl(true, "::1", 8883));
  }

  @Test
  void neverShowsThePassword() {
    ThermobusConfig config = ThermobusConfig.from(new JsonObject()
        .put("mqttUrl", "mqtt://localhost:1883").put("mqttUsername", "heating").put("mqttPassword", "do-not-log-me"));
    assertThat(config.toString()).doesNotContain("do-not-log-me").contains("password=<redacted>").contains("mqtt://localhost:1883");
    assertThat(config.mqtt().map(Object::toString)).hasValueSatisfying(text -> assertThat(text).doesNotContain("do-not-log-me"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "mqttUrl             | http://broker:1883          | mqttUrl (THERMOBUS_MQTT_URL, --mqtt-url): must start with mqtt:// or mqtts://",
      "mqttUrl             | broker:1883                 | must start with mqtt:// or mqtts://",
      "mqttUrl             | mqtt://                     | mqtt-url",
      "mqttUrl             | mqtt://:1883                | must name a host",
      "mqttUrl             | mqtt://user:pw@broker       | must not carry credentials",
      "mqttUrl             | mqtt://broker:1883/topic    | without a path",
      "mqttUrl             | mqtt://broker:0             | port must be between 1 and 65535",
      "mqttUrl             | mqtt://broker:99999         | port must be between 1 and 65535",
      "mqttPassword        | secret                      | mqttPassword (THERMOBUS_MQTT_PASSWORD, --mqtt-password): needs mqttUsername",
      "mqttClientId        | 'has space'                 | mqtt-client-id",
      "mqttKeepAlive       | 0                           | mqtt-keep-alive",
      "mqttStatePrefix     | 'a/+/b'                     | mqttStatePrefix (THERMOBUS_MQTT_STATE_PREFIX, --mqtt-state-prefix): 'a/+/b' must be an exact topic",
      "mqttStatePrefix     | '/thermobus'                | must not start or end with /",
      "mqttDiscoveryPrefix | 'ha/#'                      | mqtt-discovery-prefix",
      "mqttDiscovery       | maybe                       | must be true or false",
      "mqttCaFile          | /nonexistent/ca.pem         | mqttCaFile (THERMOBUS_MQTT_CA_FILE, --mqtt-ca-file): cannot read /nonexistent/ca.pem",
  })
  void rejectsBadValuesNamingTheKey(String key, String value, String message) {
    JsonObject merged = new JsonObject().put(key, value);
    assertThatThrownBy(() -> ThermobusConfig.from(merged))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("secret");
  }

  @Test
  void credentialsWithoutABrokerConnectNothing() {
    assertThat(ThermobusConfig.from(new JsonObject().put("mqttUsername", "u").put("mqttPassword", "p")).mqtt())
        .isEqualTo(Optional.empty());
  }
}
