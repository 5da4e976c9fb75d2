package io.thermobus.config;

import static io.thermobus.config.ConfigException.invalid;
import static io.thermobus.config.ConfigOption.CORS_ORIGINS;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the HTTP server lets clients do: connections and how long they may wait idle or for a
 * request's headers, write rate per client address, cross-site origins, the largest message
 * a WebSocket client may send, and how long a stream client may leave its write queue full
 * before it is closed.
 */
public record WebLimits(int maxConnections, Duration requestHeaderTimeout, Duration idleTimeout, int writesPerSecond,
                        int writeBurst, List<String> corsOrigins, int wsMaxMessageBytes, Duration streamStall) {

  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

  public WebLimits {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** The allowed cross-site origins, each checked. */
  static List<String> origins(ConfigValues values) {
    String text = values.text(CORS_ORIGINS);
    if (text == null) {
      return List.of();
    }
    List<String> origins = Arrays.stream(text.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw invalid(CORS_ORIGINS, "'" + origin + "' is not an origin: write scheme://host[:port], e.g. https://example.org");
      }
    }
    return origins;
  }
}
