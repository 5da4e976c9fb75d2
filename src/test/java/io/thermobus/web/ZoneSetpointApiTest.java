package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.DesiredChanged;
import io.thermobus.event.Topic;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presets and the weekly schedule over REST: the desired temperature in force reaches the zone and its subscribers. */
class ZoneSetpointApiTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final long SIMULATED_MINUTE = 60_000_000_000L;
  private static final long SIMULATED_HOUR = 60 * SIMULATED_MINUTE;

  private Vertx vertx;
  private RunningService service;
  private final List<DesiredChanged> desired = new CopyOnWriteArrayList<>();

  private void start(double timeScale) throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().<DesiredChanged>consumer(Topic.DESIRED.address(), message -> desired.add(message.body()));
    service = RunningService.start(vertx, new JsonObject().put("timeScale", timeScale));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldApplyAPresetAndRestoreTheManualSetpointWhenLeavingIt() throws Exception {
    start(1);
    assertThat(put("/api/zones/home/desired", "{\"celsius\": 20.5}").getDouble("desired")).isEqualTo(20.5);
    assertThat(put("/api/zones/home/preset", "{\"preset\": \"eco\"}").getString("preset")).isEqualTo("eco");
    assertThat(get("/api/zones/home").getDouble("desired")).isEqualTo(17.0);
    assertThat(get("/api/zones/home/preset").getString("preset")).isEqualTo("eco");
    assertThat(put("/api/zones/home/presets", "{\"eco\": 16}").getDouble("eco")).isEqualTo(16.0);
    assertThat(get("/api/zones/home").getDouble("desired")).as("the selected preset's new temperature").isEqualTo(16.0);
    JsonObject manual = put("/api/zones/home/preset", "{\"preset\": null}");
    assertThat(manual.containsKey("preset")).isTrue();
    assertThat(manual.getString("preset")).isNull();
    assertThat(get("/api/zones/home").getDouble("desired")).isEqualTo(20.5);
    assertThat(desired).extracting(DesiredChanged::centi).containsSubsequence(2050, 1700, 1600, 2050);
  }

  @Test
  void shouldSwitchTheDesiredTemperatureAtTheSchedulesTimesInSimulatedTime() throws Exception {
    start(3600); // a simulated hour per wall second; simulated time 0 is Monday 00:00
    assertThat(service.running.clock().now()).as("the test needs the first switch ahead").isLessThan(SIMULATED_HOUR);
    JsonObject schedule = put("/api/zones/home/schedule",
        "{\"entries\": [{\"at\": \"00:00\", \"celsius\": 18}, {\"at\": \"03:00\", \"preset\": \"comfort\"}]}");
    assertThat(schedule.getJsonArray("entries")).hasSize(2);
    assertThat(get("/api/zones/home").getDouble("desired")).as("Monday 00:00's entry").isEqualTo(18.0);
    await("03:00 simulated").atMost(Duration.ofSeconds(30)).until(() -> get("/api/zones/home").getDouble("desired") == 21.0);
    assertThat(service.running.clock().now()).isGreaterThanOrEqualTo(3 * SIMULATED_HOUR);
    assertThat(desired).filteredOn(event -> event.source().equals(DesiredChanged.SCHEDULE))
        .extracting(DesiredChanged::centi).containsSubsequence(1800, 2100);
    assertThat(get("/api/zones/home/schedule")).isEqualTo(schedule);
    assertThat(put("/api/zones/home/schedule", schedule.encode())).as("what GET answers, PUT takes back").isEqualTo(schedule);
  }

  @Test
  void shouldFollowAWeeklyScheduleAcrossMidnightAndTheWeeksEndInSimulatedTime() throws Exception {
    start(28_800); // eight simulated hours per wall second: a week in 21 s
    List<long[]> scheduled = new CopyOnWriteArrayList<>(); // (simulated time received, °C hundredths)
    vertx.eventBus().<DesiredChanged>consumer(Topic.DESIRED.address(), message -> {
      if (message.body().source().equals(DesiredChanged.SCHEDULE)) {
        scheduled.add(new long[] {service.running.clock().now(), message.body().centi()});
      }
    });
    put("/api/zones/home/schedule", "{\"entries\": ["
        + "{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], \"at\": \"06:30\", \"preset\": \"comfort\"},"
        + "{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], \"at\": \"22:30\", \"preset\": \"eco\"},"
        + "{\"days\": [\"sat\", \"sun\"], \"at\": \"08:00\", \"celsius\": 21.5},"
        + "{\"days\": [\"sat\", \"sun\"], \"at\": \"23:00\", \"preset\": \"eco\"}]}");
    long from = service.running.clock().now();
    // Every switch from Monday 00:00 to the next week's Friday, as (simulated minute, °C hundredths).
    List<long[]> week = new ArrayList<>();
    for (int day = 0; day < 5; day++) {
      week.add(new long[] {day * 24 * 60 + 6 * 60 + 30, 2100});
      week.add(new long[] {day * 24 * 60 + 22 * 60 + 30, 1700});
    }
    for (int day = 5; day < 7; day++) {
      week.add(new long[] {day * 24 * 60 + 8 * 60, 2150});
      week.add(new long[] {day * 24 * 60 + 23 * 60, 1700});
    }
    for (int day = 7; day < 12; day++) {
      week.add(new long[] {day * 24 * 60 + 6 * 60 + 30, 2100});
      week.add(new long[] {day * 24 * 60 + 22 * 60 + 30, 1700});
    }
    // Two simulated hours (a quarter of a wall second) apart from the schedule's own start and
    // the end, so that neither a switch as it was saved nor one still on its way is counted.
    long after = from + 2 * SIMULATED_HOUR;
    long until = from + 7 * 24 * SIMULATED_HOUR;
    List<Integer> expected = week.stream().filter(w -> w[0] * SIMULATED_MINUTE > after && w[0] * SIMULATED_MINUTE <= until - 2 * SIMULATED_HOUR)
        .map(w -> (int) w[1]).toList();
    assertThat(expected).as("a week of switches").hasSizeGreaterThanOrEqualTo(12);

    await("a simulated week").atMost(Duration.ofSeconds(90)).until(() -> service.running.clock().now() >= until);

    assertThat(scheduled).filteredOn(event -> event[0] > after).extracting(event -> (int) event[1])
        .as("the switches of a week, across each midnight and from Sunday to Monday").startsWith(expected.toArray(Integer[]::new));
  }

  private JsonObject put(String path, String json) throws Exception {
    var response = service.send(HttpMethod.PUT, path, BEARER, "application/json", json);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private JsonObject get(String path) throws Exception {
    return service.send(HttpMethod.GET, path, null, null, null).bodyAsJsonObject();
  }
}
