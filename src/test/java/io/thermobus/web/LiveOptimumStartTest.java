package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.sim.SimClock;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Optimum start in the live service: the zone's input tells its predictive controller the weekly
 * schedule's next switch, so a chapter room at an eco setpoint is heated ahead of a comfort
 * switch and is at comfort within five simulated minutes of its time (the bar), where
 * heating from the switch on would take ten.
 */
class LiveOptimumStartTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;

  private record Reading(long at, int centi) {}

  private record Switch(long at, boolean on) {}

  private Vertx vertx;
  private RunningService service;
  private final List<Reading> readings = new CopyOnWriteArrayList<>();
  private final List<Switch> switches = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 600));
    SimClock clock = service.running.clock();
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), message -> {
      readings.add(new Reading(clock.now(), message.body().centi()));
    });
    vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), message -> {
      switches.add(new Switch(clock.now(), message.body().on()));
    });
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldPreheatSoThatAScheduledComfortSetpointIsReachedWithinFiveMinutesOfItsTime() throws Exception {
    long ecoAt = ecoThenComfort();
    long switchAt = awaitComfortWithinFiveMinutes(ecoAt);
    assertThat(readings).filteredOn(r -> r.at() > ecoAt * MINUTE + 30 * MINUTE && r.at() < switchAt - 30 * MINUTE)
        .as("the room was let cool to eco (17 °C ± 1) first, not kept warm").isNotEmpty()
        .anyMatch(r -> r.centi() < 1700);
    assertThat(switches).filteredOn(s -> s.on() && s.at() >= switchAt - 30 * MINUTE && s.at() < switchAt)
        .as("the heater switched on ahead of the switch to comfort, and not more than half an hour ahead").isNotEmpty();
  }

  /**
   * The zone's new display starts with a learner that knows nothing (it holds the coming
   * setpoint early rather than risk missing it), but it is told the schedule's next switch.
   */
  @Test
  void shouldStillBeAtComfortInTimeWhenTheDisplayWasRedeployedAfterTheScheduleWasSet() throws Exception {
    long ecoAt = ecoThenComfort();
    await("eco").atMost(Duration.ofSeconds(30)).until(() -> service.running.clock().now() >= (ecoAt + 2) * MINUTE);
    String display = Concern.DISPLAY.shardName(service.running.directory().shardOf("home"));
    vertx.undeploy(service.running.supervisor().deploymentId(display)).await(10, TimeUnit.SECONDS);
    await("display back").atMost(Duration.ofSeconds(20)).until(() -> service.running.supervisor().missing().isEmpty());
    awaitComfortWithinFiveMinutes(ecoAt);
  }

  /**
   * A predictive zone with comfort now, eco from an hour on and comfort again 90 minutes later;
   * answers the minute of the week eco starts. A band of 1 °C makes the chapter room's heating and
   * cooling stretches (5 and 10 minutes) long enough for the controller to learn its rates from them.
   */
  private long ecoThenComfort() throws Exception {
    service.put("/api/zones/home/settings", "{\"controller\": \"predictive\", \"predictive\": {\"band\": 1.0}}");
    long ecoAt = service.running.clock().now() / MINUTE + 61;
    service.put("/api/zones/home/schedule", "{\"entries\": [{\"at\": \"00:00\", \"preset\": \"comfort\"}, {\"at\": \""
        + RunningService.clockTime(ecoAt) + "\", \"preset\": \"eco\"}, {\"at\": \"" + RunningService.clockTime(ecoAt + 90)
        + "\", \"preset\": \"comfort\"}]}");
    return ecoAt;
  }

  /** Waits until five simulated minutes past the comfort switch, checks the zone was at comfort by then, answers the switch's time. */
  private long awaitComfortWithinFiveMinutes(long ecoAt) {
    long switchAt = (ecoAt + 90) * MINUTE;
    await("five simulated minutes past the comfort switch").atMost(Duration.ofSeconds(60))
        .until(() -> service.running.clock().now() >= switchAt + 5 * MINUTE);
    assertThat(readings).filteredOn(r -> r.at() <= switchAt + 5 * MINUTE && r.at() >= switchAt - 30 * MINUTE)
        .as("at comfort (21 °C) within five simulated minutes of its time").anyMatch(r -> r.centi() >= 2100);
    return switchAt;
  }
}
