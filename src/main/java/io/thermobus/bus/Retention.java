package io.thermobus.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the bus keeps: at most {@code maxEvents} events, none older than
 * {@code maxAge}. Whichever bound bites first evicts.
 */
public record Retention(int maxEvents, Duration maxAge) {

  public static final int DEFAULT_MAX_EVENTS = 10_000;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(600);

  public Retention {
    if (maxEvents < 1 || maxEvents > (1 << 30)) {
      throw new IllegalArgumentException("maxEvents must be in [1, 2^30]: " + maxEvents);
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
  }

  public static Retention defaults() {
    return new Retention(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);
  }
}
