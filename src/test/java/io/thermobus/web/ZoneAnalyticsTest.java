package io.thermobus.web;

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
 * The live zones' control settings and analytics over REST, on two zones of one service: the
 * chapter's warning, measured from the analytics endpoint, that an actuator delay widens the swing.
 */
class ZoneAnalyticsTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final long SIMULATED_MINUTE = 60_000_000_000L;

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 120).put("zones", "home,attic"));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldMeasureALargerAmplitudeWithAnActuatorDelay() throws Exception {
    JsonObject delayed = service.send(HttpMethod.PUT, "/api/zones/attic/settings", BEARER, "application/json",
        "{\"actuatorDelaySeconds\": 15}").bodyAsJsonObject();
    assertThat(delayed.getLong("actuatorDelaySeconds")).isEqualTo(15);
    assertThat(delayed.getString("controller")).as("the rest at its defaults").isEqualTo("onoff");
    assertThat(get("/api/zones/home/settings").getLong("actuatorDelaySeconds")).isZero();

    await("both zones at 21 °C").atMost(Duration.ofSeconds(60))
        .until(() -> temperature("home") >= 21.0 && temperature("attic") >= 21.0);
    long reached = service.running.clock().now();
    await("40 simulated minutes").atMost(Duration.ofSeconds(90))
        .until(() -> service.running.clock().now() - reached >= 40 * SIMULATED_MINUTE);

    JsonObject prompt = get("/api/zones/home/analytics?seconds=1800");
    JsonObject late = get("/api/zones/attic/analytics?seconds=1800");
    assertThat(prompt.getString("zone")).isEqualTo("home");
    assertThat(prompt.getInteger("seconds")).isEqualTo(1800);
    assertThat(prompt.getDouble("dutyCycle")).isStrictlyBetween(0.0, 1.0);
    assertThat(prompt.getDouble("switchesPerHour")).isPositive();
    assertThat(prompt.getDouble("energyKWh")).isPositive();
    assertThat(late.getDouble("amplitude")).as("amplitude with a 15 s delay against none (°C)")
        .isGreaterThan(prompt.getDouble("amplitude"));
    assertThat(late.getDouble("amplitude")).isGreaterThan(0.05);
  }

  private double temperature(String zone) throws Exception {
    Double temperature = get("/api/zones/" + zone).getDouble("temperature");
    return temperature == null ? 0 : temperature;
  }

  private JsonObject get(String path) throws Exception {
    return service.send(HttpMethod.GET, path, null, null, null).bodyAsJsonObject();
  }
}
