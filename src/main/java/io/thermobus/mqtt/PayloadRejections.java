package io.thermobus.mqtt;

import io.thermobus.mqtt.SensorPayload.Rejection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the payloads each zone ignored, by reason, and decides which of them get a log line: at
 * most one per zone per {@code interval}, which then says how many were ignored quietly since.
 * Pure; times are nanoseconds from the caller's clock. Not thread-safe: owned by one event loop.
 */
public final class PayloadRejections {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final long intervalNanos;
  private final Map<String, ZoneCounts> zones = new HashMap<>();

  public PayloadRejections(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  private static final class ZoneCounts {
    final Map<Rejection, Long> byReason = new EnumMap<>(Rejection.class);
    long lastLogged;
    boolean logged;
    long quiet;
  }

  /** Counts one rejection; answers the line to log, or empty when this zone already logged within the interval. */
  public Optional<String> record(String zone, String topic, SensorPayload.Rejected rejected, long nowNanos) {
    ZoneCounts counts = zones.computeIfAbsent(zone, z -> new ZoneCounts());
    counts.byReason.merge(rejected.reason(), 1L, Long::sum);
    if (counts.logged && nowNanos - counts.lastLogged < intervalNanos) {
      counts.quiet++;
      return Optional.empty();
    }
    String line = "zone " + zone + " ignored a payload on " + topic + ": " + rejected.detail()
        + (counts.quiet > 0 ? " (and " + counts.quiet + " more since the last report)" : "");
    counts.logged = true;
    counts.lastLogged = nowNanos;
    counts.quiet = 0;
    return Optional.of(line);
  }

  /** How many payloads of {@code zone} were ignored for {@code reason} so far. */
  public long count(String zone, Rejection reason) {
    ZoneCounts counts = zones.get(zone);
    return counts == null ? 0 : counts.byReason.getOrDefault(reason, 0L);
  }

  /** Forgets a deleted zone. */
  public void forget(String zone) {
    zones.remove(zone);
  }
}
