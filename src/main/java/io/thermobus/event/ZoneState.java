package io.thermobus.event;

import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Instant;

/** A zone's current state as its display knows it; {@code null} temperatures are not yet known. */
public record ZoneState(
    String zone, Integer temperatureCenti, Integer desiredCenti, boolean heaterOn, String input,
    Instant at) {

  public BigDecimal temperature() {
    return temperatureCenti == null ? null : Centi.toCelsius(temperatureCenti);
  }

  public BigDecimal desired() {
    return desiredCenti == null ? null : Centi.toCelsius(desiredCenti);
  }

  public boolean known() {
    return temperatureCenti != null && desiredCenti != null;
  }
}
