package io.thermobus.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the bus keeps: at most {@code maxEvents} events, none older than
 * {@code maxAge}, and at most {@code maxBytes} of them by weight (each event weighs what the
 * bus's weigher says of its payload plus {@link #ENVELOPE_BYTES}). Whichever bound bites first
 * evicts; the newest event is always kept, however heavy.
 */
public record Retention(int maxEvents, Duration maxAge, long maxBytes) {

  public static final int DEFAULT_MAX_EVENTS = 10_000;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(600);
  /** What an envelope costs besides its payload: the record, its seq, topic, zone and stamp. */
  public static final int ENVELOPE_BYTES = 64;

  public Retention {
    if (maxEvents < 1 || maxEvents > (1 << 30)) {
      throw new IllegalArgumentException("maxEvents must be in [1, 2^30]: " + maxEvents);
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    if (maxBytes < ENVELOPE_BYTES) {
      throw new IllegalArgumentException("maxBytes must be at least " + ENVELOPE_BYTES + ": " + maxBytes);
    }
  }

  /** Bounded by count and age only. */
  public Retention(int maxEvents, Duration maxAge) {
    this(maxEvents, maxAge, Long.MAX_VALUE);
  }

  public static Retention defaults() {
    return new Retention(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);
  }
}
