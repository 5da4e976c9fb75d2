package io.thermobus.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.control.ControllerKind;
import io.thermobus.control.InvalidSettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {

  private static final String MINIMAL = """
      name: mine
      duration: PT2H
      controllers:
        - controller: hysteresis
      """;

  private static Scenario parse(String yaml) {
    return ScenarioFiles.parse(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldShipTheThreeNamedScenarios() {
    for (String name : ScenarioFiles.SHIPPED) {
      assertThat(ScenarioFiles.load(name).name()).isEqualTo(name);
    }
  }

  @Test
  void shouldFillDefaultsAndReadTimesOfDayUnquoted() {
    Scenario scenario = parse(MINIMAL + """
        schedule:
          entries: [{at: 22:30, preset: eco}]
        """);
    assertThat(scenario.duration()).isEqualTo(Duration.ofHours(2));
    assertThat(scenario.controllers().get(0).label()).isEqualTo("hysteresis");
    assertThat(scenario.controllers().get(0).settings().controller()).isEqualTo(ControllerKind.HYSTERESIS);
    assertThat(scenario.schedule().entries().get(0).at()).as("not YAML 1.1's base-60 number").isEqualTo(LocalTime.of(22, 30));
    assertThat(scenario.desired()).isEqualTo(21);
  }

  @Test
  void shouldTakeAControllersNameAloneForItsDefaults() {
    Scenario scenario = parse("name: n\nduration: PT1H\ncontrollers: [onoff, tpi, {label: slow, controller: tpi, tpi: {cycleSeconds: 900}}]\n");
    assertThat(scenario.controllers()).extracting(ScenarioController::label).containsExactly("onoff", "tpi", "slow");
    assertThat(scenario.controllers().get(1).settings().tpi()).isEqualTo(io.thermobus.control.TpiParameters.DEFAULT);
    assertThatThrownBy(() -> parse("name: n\nduration: PT1H\ncontrollers: [3]\n")).hasMessageContaining("controller's name or its settings");
  }

  @Test
  void shouldReadJsonToo() {
    Scenario scenario = ScenarioFiles.parse("""
        {"name": "j", "duration": "PT1H", "controllers": [{"controller": "tpi", "tpi": {"cycleSeconds": 600}}]}
        """.getBytes(StandardCharsets.UTF_8));
    assertThat(scenario.controllers().get(0).settings().tpi().cycleSeconds()).isEqualTo(600);
  }

  @Test
  void shouldRefuseBadScenariosNamingWhatIsWrong() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("hysteresis", "bangbang")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("controller must be one of onoff, hysteresis, tpi, pid, predictive, got bangbang");
    assertThatThrownBy(() -> parse(MINIMAL + "colour: blue\n")).hasMessage("unknown field colour");
    assertThatThrownBy(() -> parse(MINIMAL.replace("PT2H", "two hours"))).hasMessageStartingWith("duration has the wrong type or form, got two hours");
    assertThatThrownBy(() -> parse(MINIMAL + "    tpi: {cycleSeconds: [1]}\n")).hasMessageStartingWith("tpi.cycleSeconds has the wrong type");
    assertThatThrownBy(() -> parse(MINIMAL.replace("PT2H", "P60D"))).hasMessageContaining("duration must be between PT1M and P28D");
    assertThatThrownBy(() -> parse(MINIMAL + "    tpi: {coefInt: -1}\n")).hasMessage("tpi.coefInt must be between 0 and 10, got -1");
    assertThatThrownBy(() -> parse(MINIMAL + "  - controller: hysteresis\n")).hasMessageContaining("give one a label");
    assertThatThrownBy(() -> parse("{\"name\": \"x\", ")).hasMessageStartingWith("not a valid scenario");
    assertThatThrownBy(() -> parse(MINIMAL + "disturbances: [{type: window, at: PT1H}]\n")).hasMessageContaining("need an until after at");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
  }

  @Test
  void shouldPrintATableOrTheJsonAndExitTwoOnABadScenario(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, MINIMAL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(ExperimentCommand.run(file.toString(), false, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Scenario mine").contains("controller  dutyCycle  switchesPerHour")
        .containsPattern("\nhysteresis +0\\.");
    out.reset();
    assertThat(ExperimentCommand.run(file.toString(), true, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"id\":").contains("\"scenario\":\"mine\"")
        .contains("\"results\":[{\"controller\":\"hysteresis\"").contains("\"analytics\":{\"dutyCycle\":").contains("\"traces\":");
    Files.writeString(file, MINIMAL.replace("PT2H", "two hours"));
    assertThat(ExperimentCommand.run(file.toString(), false, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(ExperimentCommand.EXIT_BAD_SCENARIO);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("thermobus: invalid scenario " + file);
  }
}
