package io.thermobus.zone;

import io.thermobus.event.ZoneName;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A zone as the directory knows it: its name, the desired temperature it starts with (a saved
 * setting wins over it), the temperature its simulated room starts at, and what drives it.
 */
public record ZoneSpec(String name, int desiredCenti, int initialTemperatureCenti, ZoneSource source) {

  public ZoneSpec {
    if (!ZoneName.isValid(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a zone name");
    }
    Objects.requireNonNull(source, "source");
  }

  /** The coldest and warmest temperature a simulated room may start at, hundredths of °C. */
  public static final int MIN_TEMPERATURE_CENTI = -5000;
  public static final int MAX_TEMPERATURE_CENTI = 10000;

  /** An initial room temperature in hundredths; refuses one outside −50 to 100 °C. */
  public static int initialTemperatureCenti(BigDecimal celsius) {
    int centi = Centi.fromCelsius(celsius.max(BigDecimal.valueOf(-1000)).min(BigDecimal.valueOf(1000)));
    if (centi < MIN_TEMPERATURE_CENTI || centi > MAX_TEMPERATURE_CENTI) {
      throw new IllegalArgumentException("initialTemperature must be from " + Centi.format(MIN_TEMPERATURE_CENTI) + " to "
          + Centi.format(MAX_TEMPERATURE_CENTI) + " °C, got " + celsius.toPlainString());
    }
    return centi;
  }

  public static ZoneSpec simulated(String name, int desiredCenti, int initialTemperatureCenti) {
    return new ZoneSpec(name, desiredCenti, initialTemperatureCenti, ZoneSource.SIM);
  }
}
