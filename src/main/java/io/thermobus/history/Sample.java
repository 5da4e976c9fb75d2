package io.thermobus.history;

import java.time.Instant;
import java.util.Objects;

/** What a zone looked like at one moment: one point of the dashboard's chart. */
public record Sample(Instant at, int temperatureCenti, int desiredCenti, boolean heaterOn) {

  public Sample {
    Objects.requireNonNull(at, "at");
  }
}
