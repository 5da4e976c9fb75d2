package io.thermobus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** All verticles deployed on a real event bus, simulated time running fast. */
@ExtendWith(VertxExtension.class)
class SimulationIntegrationTest {

  /**
   * 3 s of simulated time per 25 ms of wall time. The band holds while the thermostat reacts
   * within one period; 25 ms leaves room for a busy machine.
   */
  private static final int FAST = 120;
  /**
   * For the chapter's tight band: 3 s of simulated time per 100 ms of wall time. The physics is
   * exact in simulated time, so a thermostat that reacts late (a stalled event loop) overshoots as
   * a real one would; a period long against a loaded machine's stalls keeps the band the
   * chapter's.
   */
  private static final int BAND = 30;
  /** Heat loss alone changes the temperature 1200 times an hour; the heater adds more. */
  private static final int READINGS_PER_SIMULATED_HOUR = 1200;

  private RunningService service;
  private final List<TemperatureChanged> temperatures = new CopyOnWriteArrayList<>();
  private final List<HeaterSwitched> switches = new CopyOnWriteArrayList<>();
  private final List<Object> sequence = new CopyOnWriteArrayList<>();

  private RunningService start(Vertx vertx, JsonObject overrides) throws Exception {
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> {
      temperatures.add(m.body());
      sequence.add(m.body());
    });
    vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), m -> switches.add(m.body()));
    vertx.eventBus().<FrameRendered>consumer(Topic.FRAME.address(), m -> sequence.add(m.body()));
    service = RunningService.start(vertx, overrides);
    return service;
  }

  @Test
  void climbsFromTheChaptersStartToTheDesiredTemperatureAndOscillatesInANarrowBand(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("timeScale", BAND));

    await("21.00 reached").atMost(Duration.ofSeconds(30)).until(() -> latestCenti() >= 2100);
    assertThat(switches).first().satisfies(first -> {
      assertThat(first.on()).as("the heater is switched on first").isTrue();
      assertThat(first.temperature()).isEqualTo(2090);
    });

    int from = temperatures.size();
    await("a simulated hour").atMost(Duration.ofSeconds(300))
        .until(() -> temperatures.size() - from >= READINGS_PER_SIMULATED_HOUR);
    assertThat(readingsSince(from)).allSatisfy(centi -> assertThat(centi).isBetween(2098, 2103));
    assertThat(switches).as("the heater keeps cycling").hasSizeGreaterThan(50);
  }

  @Test
  void anActuatorDelayMakesTheOscillationBigger(Vertx vertx) throws Exception {
    // The chapter's warning: delaying the heater's reaction widens the swing around the setpoint.
    start(vertx, new JsonObject().put("timeScale", FAST).put("actuatorDelay", 15));
    await("21.00 reached").atMost(Duration.ofSeconds(30)).until(() -> latestCenti() >= 2100);
    int from = temperatures.size();
    await("a simulated hour").atMost(Duration.ofSeconds(150))
        .until(() -> temperatures.size() - from >= READINGS_PER_SIMULATED_HOUR);
    IntSummaryStatistics swing = readingsSince(from).stream().mapToInt(Integer::intValue).summaryStatistics();
    assertThat(swing.getMax() - swing.getMin()).as("peak to peak, hundredths").isGreaterThan(2103 - 2098);
    assertThat(swing.getMin()).isLessThan(2098);
    assertThat(swing.getMax()).isGreaterThan(2103);
  }

  @Test
  void hysteresisTradesABiggerSwingForFewerSwitches(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("timeScale", FAST).put("coldTolerance", 0.2).put("hotTolerance", 0.2));
    await("20.80 or more").atMost(Duration.ofSeconds(30)).until(() -> latestCenti() >= 2080);
    int from = temperatures.size();
    int switchesBefore = switches.size();
    await("a simulated hour").atMost(Duration.ofSeconds(150))
        .until(() -> temperatures.size() - from >= READINGS_PER_SIMULATED_HOUR);
    assertThat(readingsSince(from)).allSatisfy(centi -> assertThat(centi).isBetween(2077, 2124));
    assertThat(switches.size() - switchesBefore).as("switches in a simulated hour").isBetween(2, 40);
  }

  @Test
  void aHigherSetpointIsReachedAndHeld(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("timeScale", BAND));
    setDesired(vertx, "23.0");

    await("23.00 reached").atMost(Duration.ofSeconds(60)).until(() -> latestCenti() >= 2300);
    int from = temperatures.size();
    await().atMost(Duration.ofSeconds(60)).until(() -> temperatures.size() > from + 200);
    assertThat(readingsSince(from)).allSatisfy(centi -> assertThat(centi).isBetween(2298, 2303));
  }

  @Test
  void aLowerSetpointSwitchesTheHeaterOffAndTheRoomCools(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("timeScale", FAST));
    await().atMost(Duration.ofSeconds(30)).until(() -> latestCenti() >= 2100);

    setDesired(vertx, "18.0");

    await("heater off").atMost(Duration.ofSeconds(10)).until(() -> !switches.get(switches.size() - 1).on());
    int atSwitchOff = latestCenti();
    await("cooling").atMost(Duration.ofSeconds(30)).until(() -> latestCenti() <= atSwitchOff - 10);
    HeaterSwitched last = switches.get(switches.size() - 1);
    assertThat(last.on()).as("the heater stays off while the room is above 18.00").isFalse();
  }

  @Test
  void aKeyPressRendersAFrameWithoutWaitingForATemperatureChange(Vertx vertx) throws Exception {
    // One simulated period takes 300 wall seconds: no temperature change can happen during this test.
    start(vertx, new JsonObject().put("timeScale", 0.01));
    await().atMost(Duration.ofSeconds(10)).until(() -> !sequence.isEmpty());
    int temperaturesBefore = temperatures.size();

    vertx.eventBus().request(inputOf("home"), new KeyPressed("home", "ArrowUp", "test")).await(10, TimeUnit.SECONDS);

    await("frame with the key").atMost(Duration.ofSeconds(10)).until(() -> sequence.stream()
        .anyMatch(event -> event instanceof FrameRendered frame && frame.input().equals("↑") && frame.desired() == 2150));
    assertThat(temperatures).as("no temperature change was needed").hasSize(temperaturesBefore);
    FrameRendered frame = (FrameRendered) sequence.stream()
        .filter(event -> event instanceof FrameRendered f && f.desired() == 2150).findFirst().orElseThrow();
    assertThat(frame.text()).contains("Desired Temp: 21.50 °C").contains("Input: ↑");
  }

  private String inputOf(String zone) {
    return Concern.INPUT.address(service.running.directory().shardOf(zone));
  }

  private void setDesired(Vertx vertx, String celsius) throws Exception {
    vertx.eventBus().request(inputOf("home"), new SetDesired("home", new BigDecimal(celsius), "test"))
        .await(10, TimeUnit.SECONDS);
  }

  private List<Integer> readingsSince(int from) {
    List<TemperatureChanged> all = List.copyOf(temperatures);
    return all.subList(from, all.size()).stream().map(TemperatureChanged::centi).toList();
  }

  private int latestCenti() {
    return temperatures.isEmpty() ? Integer.MIN_VALUE : temperatures.get(temperatures.size() - 1).centi();
  }
}
