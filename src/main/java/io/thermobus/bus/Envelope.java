package io.thermobus.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the bus retains and delivers it. Immutable, and shared by every subscriber that
 * reads it: the log stores each envelope once, whatever the number of subscribers.
 *
 * @param seq   gapless per bus, starting at 1
 * @param topic what the event is about ({@code temperature}, {@code heater}, or a custom one)
 * @param zone  the zone it belongs to
 * @param at    wall-clock UTC when the bus accepted it, in milliseconds; never decreases along
 *              {@code seq}
 * @param data  the payload (the Vert.x layer puts a {@code JsonObject} here)
 * @param <T>   the payload type
 */
public record Envelope<T>(long seq, String topic, String zone, Instant at, T data) implements Delivery<T> {

  public Envelope {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1: " + seq);
    }
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(data, "data");
  }
}
