package io.thermobus.bench;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Stamps events the way the bus does (wall clock in milliseconds, one {@code Instant} per
 * millisecond), so that every contender's publisher pays the same for its timestamps. Owned by
 * the publishing thread.
 */
final class Stamper {

  private final InstantSource clock = InstantSource.system();
  private long lastMillis = Long.MIN_VALUE;
  private Instant last = Instant.MIN;

  Instant now() {
    long millis = clock.millis();
    if (millis != lastMillis) {
      lastMillis = millis;
      last = Instant.ofEpochMilli(millis);
    }
    return last;
  }
}
