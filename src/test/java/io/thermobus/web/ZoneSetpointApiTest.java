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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presets and the weekly schedule over REST: the desired temperature in force reaches the zone and its subscribers. */
class ZoneSetpointApiTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final long SIMULATED_HOUR = 3_600_000_000_000L;

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

  private JsonObject put(String path, String json) throws Exception {
    var response = service.send(HttpMethod.PUT, path, BEARER, "application/json", json);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private JsonObject get(String path) throws Exception {
    return service.send(HttpMethod.GET, path, null, null, null).bodyAsJsonObject();
  }
}
