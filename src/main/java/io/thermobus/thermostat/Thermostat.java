package io.thermobus.thermostat;

/**
 * The thermostat rule. With zero tolerances it is the chapter's: below the desired temperature and
 * off, switch on; above it and on, switch off; otherwise keep. Tolerances widen the band
 * (hysteresis) to trade comfort for fewer switches.
 */
public record Thermostat(int coldToleranceCenti, int hotToleranceCenti) {

  public enum Decision {
    SWITCH_ON,
    SWITCH_OFF,
    KEEP
  }

  public static final Thermostat CHAPTER = new Thermostat(0, 0);

  public Thermostat {
    if (coldToleranceCenti < 0 || hotToleranceCenti < 0) {
      throw new IllegalArgumentException("tolerances must not be negative");
    }
  }

  public Decision decide(int temperature, int desired, boolean heaterOn) {
    if (!heaterOn && temperature < desired - coldToleranceCenti) {
      return Decision.SWITCH_ON;
    }
    if (heaterOn && temperature > desired + hotToleranceCenti) {
      return Decision.SWITCH_OFF;
    }
    return Decision.KEEP;
  }
}
