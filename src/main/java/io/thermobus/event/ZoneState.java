package io.thermobus.event;

import io.thermobus.control.ControlMode;
import io.thermobus.control.ControllerKind;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A zone's current state as its display knows it; {@code null} temperatures are not yet known,
 * {@code readings} says whether its first reading is still awaited, and {@code fault} says why the
 * zone is in a fail-safe state, or is {@code null} when it is not; {@code controller} is the
 * zone's selected controller and {@code mode} what governs its heater now (the controller, an
 * open window it detected, a cool-down, the fail-safe).
 */
public record ZoneState(
    String zone, Integer temperatureCenti, Integer desiredCenti, boolean heaterOn, String input,
    Instant at, Readings readings, String fault, ControllerKind controller, ControlMode mode) {

  public BigDecimal temperature() {
    return temperatureCenti == null ? null : Centi.toCelsius(temperatureCenti);
  }

  public BigDecimal desired() {
    return desiredCenti == null ? null : Centi.toCelsius(desiredCenti);
  }
}
