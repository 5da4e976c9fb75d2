package io.thermobus.input;

import io.thermobus.sim.Centi;
import java.math.BigDecimal;

/** The desired temperatures a user may set, inclusive, in hundredths of a degree. */
public record DesiredRange(int minCenti, int maxCenti) {

  public DesiredRange {
    if (minCenti >= maxCenti) {
      throw new IllegalArgumentException("the minimum desired temperature must be below the maximum");
    }
  }

  public boolean contains(int centi) {
    return centi >= minCenti && centi <= maxCenti;
  }

  /** The value rounded to hundredths, if it is finite and within range. */
  public int require(BigDecimal celsius) {
    if (celsius.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0 || !contains(Centi.fromCelsius(celsius))) {
      throw new IllegalArgumentException(
          "desired temperature must be between " + Centi.format(minCenti) + " and " + Centi.format(maxCenti)
              + " °C, got " + celsius.stripTrailingZeros().toPlainString());
    }
    return Centi.fromCelsius(celsius);
  }

  public int clamp(int centi) {
    return Math.max(minCenti, Math.min(maxCenti, centi));
  }
}
