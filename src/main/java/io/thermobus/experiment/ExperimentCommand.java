package io.thermobus.experiment;

import io.thermobus.Json;
import io.thermobus.control.InvalidSettingsException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** {@code thermobus experiment NAME|FILE [--json]}: runs a scenario and prints its table, or its JSON answer. */
public final class ExperimentCommand {

  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_SCENARIO = 2;

  private ExperimentCommand() {}

  public static int run(String nameOrFile, boolean json, PrintStream out, PrintStream err) {
    Scenario scenario;
    try {
      scenario = ScenarioFiles.load(nameOrFile);
    } catch (InvalidSettingsException e) {
      err.println("thermobus: invalid scenario " + nameOrFile + ": " + e.getMessage());
      return EXIT_BAD_SCENARIO;
    }
    long started = System.nanoTime();
    ExperimentResult result = ExperimentRunner.run(scenario);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (json) {
      out.println(new String(Json.bytes(result), StandardCharsets.UTF_8));
    } else {
      out.printf(Locale.ROOT, "Scenario %s: %s%n%s simulated for %d controller(s) in %d ms (id %s)%n%n",
          scenario.name(), scenario.description(), scenario.duration(), result.results().size(), millis, result.id());
      out.print(ResultTable.render(result));
    }
    return EXIT_OK;
  }
}
