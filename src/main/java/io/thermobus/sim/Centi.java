package io.thermobus.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Temperatures are integer hundredths of a degree Celsius (2090 = 20.90 °C), as in the chapter. */
public final class Centi {

  private Centi() {}

  /** Rounds to the nearest hundredth, halves away from zero; the value must be finite. */
  public static int fromCelsius(BigDecimal celsius) {
    return celsius.setScale(2, RoundingMode.HALF_UP).unscaledValue().intValueExact();
  }

  public static int fromCelsius(double celsius) {
    if (!Double.isFinite(celsius)) {
      throw new IllegalArgumentException("temperature must be finite, got " + celsius);
    }
    return fromCelsius(BigDecimal.valueOf(celsius));
  }

  /** Exactly two decimals, so JSON shows 20.90 rather than 20.9. */
  public static BigDecimal toCelsius(int centi) {
    return BigDecimal.valueOf(centi, 2);
  }

  public static String format(int centi) {
    return toCelsius(centi).toPlainString();
  }

  /** {@code "20.90 °C"}, or {@code "--"} for a temperature not known yet. */
  public static String describe(Integer centi) {
    return centi == null ? "--" : format(centi) + " °C";
  }
}
