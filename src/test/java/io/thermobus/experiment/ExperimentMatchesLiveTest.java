package io.thermobus.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.thermobus.analytics.Analytics;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.Topic;
import io.thermobus.sim.SimClock;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An experiment matches the live service: two chapter-room zones of one service, at 120 times real
 * time, run a controller and a setpoint schedule set over REST; from a heater switch-off of each
 * (its temperature known, the heater off, as an experiment starts) to the end, the zone's
 * analytics endpoint must give the figures the experiment runner gives for the same room,
 * controller, schedule and start, within the tolerances below (also in the README's "Experiments").
 *
 * <p>The tolerances come from what differs live. A switch lands after the readings' and commands'
 * hops between event loops, and the chapter's physics heats in 3-second periods restarted at each
 * switch on, so a switch sits some seconds off its place and the cycles' phase drifts by that; the
 * window may hold a switch more or fewer at either end. An event loop stalled on a loaded machine
 * (0.7 s was seen, 84 simulated seconds at 120×) delays a switch off: the room overheats by up to
 * half a degree and that cycle runs a third longer, one switch fewer in the window. So: dutyCycle
 * ±0.03 (a minute of on-time over the ~50-minute window), ±3 switches in the window, and the swing
 * (amplitude, overshoot) at least the experiment's less 0.05 °C but possibly wider (a stall only
 * widens it). The history keeps a sample per 200 wall ms (24 simulated s), the latest values
 * winning, so the temperature seen live leads the truth by up to 24 s (0.16 °C while heating);
 * with a stall's overshoot that moves rmsError by up to some 0.05 °C and a setpoint's reach by up
 * to a minute.
 */
class ExperimentMatchesLiveTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final double TIME_SCALE = 120;

  private static final double DUTY_CYCLE = 0.03;
  private static final int SWITCHES = 3;
  private static final double RMS_ERROR = 0.05;
  private static final double EXTREMES = 0.05;
  private static final long SECONDS_TO_SETPOINT = 60;

  /** A heater switch as the test saw it, on the node's simulated clock. */
  private record Switch(String zone, long at, boolean on, Integer temperature) {}

  /** A zone under test: its control settings and schedule entries, as JSON. */
  private record Run(String zone, String settings, String entries) {}

  private Vertx vertx;
  private RunningService service;
  private SimClock clock;
  private final List<Switch> switches = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", TIME_SCALE).put("zones", "steady,preheat"));
    clock = service.running.clock();
    vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), message -> {
      HeaterSwitched event = message.body();
      switches.add(new Switch(event.zone(), clock.now(), event.on(), event.temperature()));
    });
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldGiveTheLiveServicesAnalyticsForTheSameRoomControllerAndSchedule() throws Exception {
    long minute = clock.now() / MINUTE + 2;
    // Hysteresis at ±0.5 °C (cycles of 7.5 minutes) with a step from 21 to 22 °C half an hour in.
    Run steady = new Run("steady", "{\"controller\": \"hysteresis\", \"hysteresis\": {\"coldTolerance\": 0.5, \"hotTolerance\": 0.5}}",
        "[{\"at\": \"00:00\", \"celsius\": 21}, {\"at\": \"" + RunningService.clockTime(minute + 30) + "\", \"celsius\": 22}]");
    // Predictive, with a band its learner can learn the room from (see LiveOptimumStartTest): two
    // cycles (12 minutes each) after the experiment's start before an eco setpoint, so that the
    // experiment's learner, which starts there, knows the room as the live one does; then a preheat.
    Run preheat = new Run("preheat", "{\"controller\": \"predictive\", \"predictive\": {\"band\": 0.8}}",
        "[{\"at\": \"00:00\", \"celsius\": 21}, {\"at\": \"" + RunningService.clockTime(minute + 33) + "\", \"celsius\": 20}, {\"at\": \""
            + RunningService.clockTime(minute + 55) + "\", \"celsius\": 21}]");
    long end = (minute + 62) * MINUTE;
    for (Run run : List.of(steady, preheat)) {
      service.put("/api/zones/" + run.zone() + "/settings", run.settings());
      service.put("/api/zones/" + run.zone() + "/schedule", "{\"entries\": " + run.entries() + "}");
    }
    long settled = clock.now() + MINUTE; // the old controller's last switches are behind

    await("an hour of simulated time").atMost(Duration.ofSeconds(60)).until(() -> clock.now() >= end);

    SoftAssertions softly = new SoftAssertions();
    for (Run run : List.of(steady, preheat)) {
      Switch first = switches.stream().filter(s -> s.zone().equals(run.zone()) && !s.on() && s.at() >= settled).findFirst()
          .orElseThrow(() -> new AssertionError(run.zone() + " never switched off"));
      long seconds = (clock.now() - first.at()) / SECOND;
      JsonObject live = service.send(HttpMethod.GET, "/api/zones/" + run.zone() + "/analytics?seconds=" + seconds, null, null, null)
          .bodyAsJsonObject();
      Analytics experiment = experiment(run, first, seconds);
      String both = run.zone() + ": live " + live.encode() + " against the experiment's " + experiment;
      softly.assertThat(live.getDouble("dutyCycle")).as(both).isCloseTo(experiment.dutyCycle(), within(DUTY_CYCLE));
      softly.assertThat(live.getDouble("switchesPerHour")).as(both)
          .isCloseTo(experiment.switchesPerHour(), within(SWITCHES * 3600.0 / seconds));
      softly.assertThat(live.getDouble("rmsError")).as(both).isCloseTo(experiment.rmsError(), within(RMS_ERROR));
      softly.assertThat(live.getDouble("amplitude")).as(both).isGreaterThanOrEqualTo(experiment.amplitude() - EXTREMES);
      softly.assertThat(live.getDouble("overshoot")).as(both).isGreaterThanOrEqualTo(experiment.overshoot() - EXTREMES);
      softly.assertThat(experiment.secondsToSetpoint()).as(both).isNotNull();
      softly.assertThat(live.getLong("secondsToSetpoint")).as(both)
          .isCloseTo(experiment.secondsToSetpoint(), within(SECONDS_TO_SETPOINT));
    }
    softly.assertAll();
  }

  /** The experiment of the zone's room, controller and schedule from its switch {@code first} on, for {@code seconds}. */
  private static Analytics experiment(Run run, Switch first, long seconds) {
    long startSecond = Math.round(first.at() / 1e9);
    String scenario = "{\"name\": \"live-" + run.zone() + "\", \"duration\": \"PT" + seconds + "S\", \"start\": \"mon "
        + LocalTime.ofSecondOfDay(startSecond) + "\", \"room\": {\"model\": \"chapter\"}, \"initialTemperature\": "
        + first.temperature() / 100.0 + ", \"desired\": 21, \"schedule\": {\"entries\": " + run.entries()
        + "}, \"controllers\": [" + run.settings() + "]}";
    ExperimentResult result = ExperimentRunner.run(ScenarioFiles.parse(scenario.getBytes(StandardCharsets.UTF_8)));
    return result.results().get(0).analytics();
  }
}
