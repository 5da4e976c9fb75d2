package io.thermobus.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How this node talks to its MQTT broker: where, as whom, and under which topics it publishes its
 * availability, its zones' states and Home Assistant's discovery. The password never appears in
 * {@link #toString()}.
 */
public record MqttSettings(
    BrokerUrl url,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile,
    String clientId,
    Duration keepAlive,
    String statePrefix,
    boolean discovery,
    String discoveryPrefix) {

  public static final String ONLINE = "online";
  public static final String OFFLINE = "offline";

  /** Retained {@value #ONLINE} while connected, {@value #OFFLINE} as the last will and on a clean stop. */
  public String availabilityTopic() {
    return statePrefix + "/status";
  }

  @Override
  public String toString() {
    return "MqttSettings[url=" + url + ", username=" + username.orElse("") + ", password="
        + (password.isPresent() ? "<redacted>" : "") + ", caFile=" + caFile.map(Path::toString).orElse("") + ", clientId=" + clientId + ", keepAlive=" + keepAlive
        + ", statePrefix=" + statePrefix + ", discovery=" + discovery + ", discoveryPrefix=" + discoveryPrefix + "]";
  }
}
