package io.thermobus.thermostat;

import io.thermobus.sim.Centi;

/** The chapter's display frame as text: temperature, desired, heater and the input trace, and a fault when there is one. */
public final class FrameText {

  private FrameText() {}

  public static String render(Integer temperature, Integer desired, boolean heaterOn, String input) {
    return "Temperature: " + celsius(temperature) + "\n"
        + "Desired Temp: " + celsius(desired) + "\n"
        + "Heater On: " + heaterOn + "\n"
        + "Input: " + input;
  }

  public static String render(Integer temperature, Integer desired, boolean heaterOn, String input, String fault) {
    String frame = render(temperature, desired, heaterOn, input);
    return fault == null ? frame : frame + "\nFAULT: " + fault;
  }

  private static String celsius(Integer centi) {
    return centi == null ? "--" : Centi.format(centi) + " °C";
  }
}
