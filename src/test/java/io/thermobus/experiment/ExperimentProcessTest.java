package io.thermobus.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code thermobus experiment} as a user runs it: a process, its output and its exit status. */
class ExperimentProcessTest {

  @Test
  void shouldPrintTheShippedWinterScenariosTable() throws Exception {
    try (ServiceProcess run = ServiceProcess.start(Map.of(), "experiment", "winter")) {
      assertThat(run.waitForExit(60)).isZero();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(run.stdout)
          .anyMatch(line -> line.startsWith("controller  dutyCycle  switchesPerHour  overshoot  undershoot  rmsError"))
          .anyMatch(line -> line.startsWith("predictive "))
          .anyMatch(line -> line.startsWith("hysteresis "))
          .anyMatch(line -> line.startsWith("tpi ")));
    }
  }

  @Test
  void shouldPrintTheAnswerAsJsonWithTheFlag() throws Exception {
    try (ServiceProcess run = ServiceProcess.start(Map.of(), "experiment", "chapter", "--json")) {
      assertThat(run.waitForExit(60)).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> !run.stdout.isEmpty());
      JsonObject answer = new JsonObject(String.join("", run.stdout));
      assertThat(answer.fieldNames()).containsExactly("id", "scenario", "results", "traces");
      assertThat(answer.getJsonArray("results").getJsonObject(0).getJsonObject("analytics").fieldNames()).containsExactly(
          "dutyCycle", "switchesPerHour", "overshoot", "undershoot", "rmsError", "degreeMinutesBelow", "secondsToSetpoint",
          "amplitude", "energyKWh");
    }
  }

  @Test
  void shouldExitWithStatusTwoForAnUnknownScenario() throws Exception {
    try (ServiceProcess run = ServiceProcess.start(Map.of(), "experiment", "summer")) {
      assertThat(run.waitForExit(60)).isEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(run.allOutput())
          .contains("no shipped scenario summer (chapter, winter, window) and no such file"));
    }
  }
}
