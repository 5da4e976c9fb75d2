package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/zones/{zone}/history}: the chart's samples, and problems for bad queries. */
class HistoryApiTest {

  private static Vertx vertx;
  private static RunningService service;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 300));
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldAnswerSamplesOfTemperatureDesiredAndHeaterInTimeOrder() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonObject history = get("/api/zones/home/history?seconds=60").bodyAsJsonObject();
      assertThat(history.getString("zone")).isEqualTo("home");
      assertThat(history.getInteger("seconds")).isEqualTo(60);
      JsonArray samples = history.getJsonArray("samples");
      assertThat(samples.size()).isGreaterThan(3);
      JsonObject first = samples.getJsonObject(0);
      assertThat(first.getString("at")).isNotBlank();
      assertThat(first.getDouble("temperature")).isBetween(20.0, 22.0);
      assertThat(first.getDouble("desired")).isEqualTo(21.0);
      assertThat(samples.stream().map(s -> ((JsonObject) s).getBoolean("heaterOn"))).contains(true);
      Instant previous = Instant.MIN;
      for (Object sample : samples) {
        Instant at = Instant.parse(((JsonObject) sample).getString("at"));
        assertThat(at).isAfterOrEqualTo(previous);
        previous = at;
      }
    });
  }

  @Test
  void shouldAnswerAWindowOfTenMinutesByDefault() throws Exception {
    assertThat(get("/api/zones/home/history").bodyAsJsonObject().getInteger("seconds")).isEqualTo(600);
  }

  @ParameterizedTest(name = "seconds={0} → 400")
  @ValueSource(strings = {"0", "-5", "3601", "abc", "1.5", "", "99999999999", "1e3"})
  void shouldRefuseABadWindowWithAProblem(String seconds) throws Exception {
    HttpResponse<Buffer> response = get("/api/zones/home/history?seconds=" + seconds);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("seconds");
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownZone() throws Exception {
    HttpResponse<Buffer> response = get("/api/zones/attic/history?seconds=60");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return service.client.get(path).send().await(10, TimeUnit.SECONDS);
  }
}
