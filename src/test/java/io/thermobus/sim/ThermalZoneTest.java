package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live zone set to the thermal room over REST, at 120 times real time: it cools at the thermal
 * model's rate towards a cold outside, its controller holds it at the setpoint, and set back to
 * the chapter's model it cools at the chapter's 0.01 °C per 3 s again.
 */
class ThermalZoneTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final double SECOND = 1e9;
  /** C = 500 kJ/K, UA = 200 W/K: τ = 2500 s; 10 kW heats to 40 °C at −10 °C outside. */
  private static final double TAU_SECONDS = 2500;
  private static final String THERMAL = "{\"controller\": \"hysteresis\", \"room\": {\"model\": \"thermal\","
      + " \"heaterPowerWatts\": 10000, \"heatCapacityKJPerK\": 500, \"lossWattsPerK\": 200, \"outsideCelsius\": -10}}";

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 120));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCoolHeatAndHoldAtTheThermalRatesThenReturnToTheChaptersPhysics() throws Exception {
    SimClock clock = service.running.clock();
    await("readings").atMost(Duration.ofSeconds(60)).until(() -> "live".equals(state().getString("readings")));
    put("/api/zones/home/desired", "{\"celsius\": 5}");

    put("/api/zones/home/settings", THERMAL);
    long from = clock.now();
    double start = temperature();
    await("cooled to 14 °C").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> temperature() <= 14);
    double seconds = (clock.now() - from) / SECOND;
    double expected = TAU_SECONDS * Math.log((start + 10) / (14 + 10));
    assertThat(seconds).as("the thermal room's time to 14 °C, about %.0f s; the chapter's room takes %.0f s",
        expected, (start - 14) / 0.01 * 3).isBetween(expected * 0.75, expected * 1.35);

    put("/api/zones/home/desired", "{\"celsius\": 18}");
    await("heated to the setpoint").atMost(Duration.ofSeconds(60)).until(() -> Math.abs(temperature() - 18) <= 0.5);
    // 20 simulated minutes: always on, the room would pass 19 °C within three.
    await("held around the setpoint").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
        .until(() -> Math.abs(temperature() - 18) <= 1);

    put("/api/zones/home/settings", "{\"controller\": \"hysteresis\", \"room\": {\"model\": \"chapter\"}}");
    put("/api/zones/home/desired", "{\"celsius\": 5}");
    long chapterFrom = clock.now();
    double chapterStart = temperature();
    await("cooled by 1 °C").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> temperature() <= chapterStart - 1);
    double chapterSeconds = (clock.now() - chapterFrom) / SECOND;
    assertThat(chapterSeconds).as("the chapter's room cools 1 °C in 300 s; the thermal one would in about 90 s")
        .isBetween(240.0, 420.0);
  }

  private double temperature() throws Exception {
    return state().getDouble("temperature");
  }

  private JsonObject state() throws Exception {
    return service.send(HttpMethod.GET, "/api/zones/home", null, null, null).bodyAsJsonObject();
  }

  private void put(String path, String json) throws Exception {
    assertThat(service.send(HttpMethod.PUT, path, BEARER, "application/json", json).statusCode()).as(path).isEqualTo(200);
  }
}
