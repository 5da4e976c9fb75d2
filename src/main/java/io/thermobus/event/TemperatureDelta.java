package io.thermobus.event;

/** A change of temperature in hundredths of a degree, sent by the heater or heat loss to the room. */
public record TemperatureDelta(String zone, int centi, String source) {

  public static final String HEATER = "heater";
  public static final String HEAT_LOSS = "heat-loss";

  public boolean fromHeater() {
    return HEATER.equals(source);
  }
}
