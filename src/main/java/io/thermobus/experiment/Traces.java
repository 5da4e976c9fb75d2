package io.thermobus.experiment;

import java.util.Map;

/**
 * What an experiment's chart draws: at each of {@code seconds} after the start, the outside
 * temperature (when the room has one) and, per controller, the room's temperature, the desired
 * temperature (°C) and whether the heater was on.
 */
public record Traces(long[] seconds, double[] outside, Map<String, Trace> controllers) {

  public record Trace(double[] temperature, double[] desired, boolean[] heaterOn) {}
}
