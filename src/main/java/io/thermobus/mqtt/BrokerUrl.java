package io.thermobus.mqtt;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the broker listens: {@code mqtt://host[:port]} (plain, port 1883) or {@code mqtts://host[:port]} (TLS, 8883). */
public record BrokerUrl(boolean tls, String host, int port) {

  public static final int MQTT_PORT = 1883;
  public static final int MQTTS_PORT = 8883;

  /**
   * @throws IllegalArgumentException saying what is wrong; credentials in the URL are refused so
   *     that a password never travels in a value that gets logged
   */
  public static BrokerUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: write mqtt://host[:port] or mqtts://host[:port]");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("mqtt") || scheme.equals("mqtts"))) {
      throw new IllegalArgumentException("must start with mqtt:// or mqtts:// (TLS)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry credentials: set mqttUsername and mqttPassword instead");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("must name a host: mqtt://host[:port]");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must be only mqtt://host[:port], without a path, query or fragment");
    }
    boolean tls = scheme.equals("mqtts");
    int port = uri.getPort() < 0 ? (tls ? MQTTS_PORT : MQTT_PORT) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return new BrokerUrl(tls, host, port);
  }

  @Override
  public String toString() {
    return (tls ? "mqtts://" : "mqtt://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
