package io.thermobus.config;

import static io.thermobus.config.ConfigException.invalid;
import static io.thermobus.config.ConfigOption.MQTT_CA_FILE;
import static io.thermobus.config.ConfigOption.MQTT_CLIENT_ID;
import static io.thermobus.config.ConfigOption.MQTT_DISCOVERY;
import static io.thermobus.config.ConfigOption.MQTT_DISCOVERY_PREFIX;
import static io.thermobus.config.ConfigOption.MQTT_KEEP_ALIVE;
import static io.thermobus.config.ConfigOption.MQTT_PASSWORD;
import static io.thermobus.config.ConfigOption.MQTT_STATE_PREFIX;
import static io.thermobus.config.ConfigOption.MQTT_URL;
import static io.thermobus.config.ConfigOption.MQTT_USERNAME;

import io.thermobus.mqtt.BrokerUrl;
import io.thermobus.mqtt.MqttSettings;
import io.thermobus.mqtt.TopicName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the broker connection's options into {@link MqttSettings}. */
final class MqttConfig {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

  private MqttConfig() {}

  /** The broker settings, checked even without a broker so that a typo fails before it matters; empty without {@code mqttUrl}. */
  static Optional<MqttSettings> read(ConfigValues values) {
    Optional<String> username = Optional.ofNullable(values.text(MQTT_USERNAME));
    Optional<String> password = Optional.ofNullable(values.text(MQTT_PASSWORD));
    if (password.isPresent() && username.isEmpty()) {
      throw invalid(MQTT_PASSWORD, "needs mqttUsername: MQTT sends no password without a user name");
    }
    String clientId = values.text(MQTT_CLIENT_ID);
    if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
      throw invalid(MQTT_CLIENT_ID, "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
    }
    Optional<Path> caFile = Optional.ofNullable(values.text(MQTT_CA_FILE)).map(Path::of);
    if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
      throw invalid(MQTT_CA_FILE, "cannot read " + caFile.get());
    }
    Duration keepAlive = Duration.ofSeconds(values.integer(MQTT_KEEP_ALIVE, 1, 3600));
    String statePrefix = topic(values, MQTT_STATE_PREFIX);
    boolean discovery = values.bool(MQTT_DISCOVERY);
    String discoveryPrefix = topic(values, MQTT_DISCOVERY_PREFIX);
    String url = values.text(MQTT_URL);
    if (url == null) {
      return Optional.empty();
    }
    BrokerUrl broker;
    try {
      broker = BrokerUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw invalid(MQTT_URL, e.getMessage());
    }
    return Optional.of(new MqttSettings(broker, username, password, caFile, clientId != null ? clientId : generateClientId(),
        keepAlive, statePrefix, discovery, discoveryPrefix));
  }

  private static String topic(ConfigValues values, ConfigOption option) {
    try {
      return TopicName.check(values.required(option));
    } catch (IllegalArgumentException e) {
      throw invalid(option, e.getMessage());
    }
  }

  private static String generateClientId() {
    return String.format("thermobus-%08x", new SecureRandom().nextInt());
  }
}
