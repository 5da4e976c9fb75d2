package io.thermobus.experiment;

import io.thermobus.analytics.Analytics;
import java.util.Locale;

/** An experiment's analytics as a text table, one row per controller, the API's field names as columns. */
public final class ResultTable {

  private static final String[] COLUMNS = {"controller", "dutyCycle", "switchesPerHour", "overshoot", "undershoot",
      "rmsError", "degreeMinutesBelow", "secondsToSetpoint", "amplitude", "energyKWh"};

  private ResultTable() {}

  public static String render(ExperimentResult result) {
    String[][] rows = new String[result.results().size() + 1][];
    rows[0] = COLUMNS;
    for (int i = 0; i < result.results().size(); i++) {
      ControllerResult row = result.results().get(i);
      Analytics a = row.analytics();
      rows[i + 1] = new String[] {row.controller(), f(a.dutyCycle(), 3), f(a.switchesPerHour(), 2), f(a.overshoot(), 2),
          f(a.undershoot(), 2), f(a.rmsError(), 3), f(a.degreeMinutesBelow(), 1),
          a.secondsToSetpoint() == null ? "-" : a.secondsToSetpoint().toString(), f(a.amplitude(), 3), f(a.energyKWh(), 2)};
    }
    int[] widths = new int[COLUMNS.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        String cell = c == 0 ? String.format("%-" + widths[c] + "s", row[c]) : String.format("%" + widths[c] + "s", row[c]);
        out.append(c == 0 ? "" : "  ").append(cell);
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String f(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
