package io.thermobus.thermostat;

import io.thermobus.event.Readings;
import io.thermobus.sim.Centi;

/**
 * The chapter's display frame as text: temperature, desired, heater and the input trace, and a
 * fault when there is one, or a note while the first reading is awaited.
 */
public final class FrameText {

  private FrameText() {}

  public static String render(Integer temperature, Integer desired, boolean heaterOn, String input) {
    return "Temperature: " + Centi.describe(temperature) + "\n"
        + "Desired Temp: " + Centi.describe(desired) + "\n"
        + "Heater On: " + heaterOn + "\n"
        + "Input: " + input;
  }

  public static String render(Integer temperature, Integer desired, boolean heaterOn, String input, Readings readings, String fault) {
    String frame = render(temperature, desired, heaterOn, input);
    if (fault != null) {
      return frame + "\nFAULT: " + fault;
    }
    return readings == Readings.WAITING ? frame + "\nWaiting for a first temperature reading" : frame;
  }
}
