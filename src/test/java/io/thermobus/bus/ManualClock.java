package io.thermobus.bus;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test says so. */
final class ManualClock implements InstantSource {

  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  ManualClock() {
    this(Instant.parse("2026-11-26T07:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  void set(Instant instant) {
    now = instant;
  }
}
