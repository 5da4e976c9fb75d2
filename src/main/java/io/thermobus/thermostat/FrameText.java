package io.thermobus.thermostat;

import io.thermobus.sim.Centi;

/** The chapter's display frame as text: temperature, desired, heater and the input trace. */
public final class FrameText {

  private FrameText() {}

  public static String render(Integer temperature, Integer desired, boolean heaterOn, String input) {
    return "Temperature: " + celsius(temperature) + "\n"
        + "Desired Temp: " + celsius(desired) + "\n"
        + "Heater On: " + heaterOn + "\n"
        + "Input: " + input;
  }

  private static String celsius(Integer centi) {
    return centi == null ? "--" : Centi.format(centi) + " °C";
  }
}
