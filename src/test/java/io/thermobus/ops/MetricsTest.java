package io.thermobus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} after a short run at a high time scale: Vert.x's own meters and ours, with plausible values. */
class MetricsTest {

  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    // A short retention, so a subscriber that does not read falls out of it; frequent sweeps.
    service = start(new JsonObject().put("busRetainEvents", 40).put("busSweepMs", 100));
  }

  private RunningService start(JsonObject overrides) throws Exception {
    return RunningService.startInstrumented(new JsonObject().put("timeScale", 240).put("zones", "home,attic").mergeIn(overrides));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
  }

  @Test
  void exposesEachZonesTemperatureDesiredAndHeaterInPrometheusText() {
    Scrape scrape = awaitScrape(s -> s.sum("thermobus_heater_switches_total") >= 6);
    for (String zone : new String[] {"home", "attic"}) {
      String label = "zone=\"" + zone + "\"";
      assertThat(scrape.value("thermobus_zone_temperature_celsius", label)).isBetween(20.5, 21.5);
      assertThat(scrape.value("thermobus_zone_desired_celsius", label)).isEqualTo(21.0);
      assertThat(scrape.value("thermobus_zone_heater_on", label)).isIn(0.0, 1.0);
      double on = scrape.value("thermobus_heater_switches_total", label, "state=\"on\"");
      double off = scrape.value("thermobus_heater_switches_total", label, "state=\"off\"");
      assertThat(on).as("switches alternate, starting with on").isGreaterThanOrEqualTo(1).isBetween(off, off + 1);
      assertThat(scrape.value("thermobus_heater_duty_cycle_ratio", label))
          .as("the heater holds 21 °C against the loss: neither always on nor always off")
          .isStrictlyBetween(0.0, 1.0);
    }
  }

  @Test
  void exportsEachZonesAnalyticsOfTheLastSimulatedHour() {
    Scrape scrape = awaitScrape(s -> s.has("thermobus_zone_switches_per_hour")
        && s.value("thermobus_zone_switches_per_hour", "zone=\"home\"") > 0);
    assertThat(scrape.value("thermobus_zone_rms_error_celsius", "zone=\"home\"")).as("the chapter's narrow band").isBetween(0.0, 0.2);
    // The window may still hold the climb from 20.90 to the band (20.98 to 21.03): at most 0.13.
    assertThat(scrape.value("thermobus_zone_amplitude_celsius", "zone=\"home\"")).isBetween(0.0, 0.15);
  }

  @Test
  void followsADesiredChange() throws Exception {
    HttpResponse<Buffer> put = service.client.put("/api/zones/attic/desired")
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"celsius\": 23.5}"))
        .await(10, TimeUnit.SECONDS);
    assertThat(put.statusCode()).isEqualTo(200);
    Scrape scrape = awaitScrape(s -> s.has("thermobus_zone_desired_celsius")
        && s.value("thermobus_zone_desired_celsius", "zone=\"attic\"") == 23.5);
    assertThat(scrape.value("thermobus_zone_desired_celsius", "zone=\"home\"")).isEqualTo(21.0);
  }

  @Test
  void exposesVertxHttpEventBusPoolAndJvmMetrics() {
    Scrape scrape = awaitScrape(s -> s.has("vertx_http_server_requests_total"));
    assertThat(scrape.value("vertx_http_server_requests_total", "route=\"/metrics\"", "code=\"200\"", "method=\"GET\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("vertx_http_server_active_connections")).isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("vertx_eventbus_published_total", "side=\"local\"")).as("topic events").isGreaterThan(10);
    assertThat(scrape.sum("vertx_eventbus_handlers")).as("every verticle's consumers").isGreaterThan(10);
    assertThat(scrape.has("vertx_pool_in_use")).as("worker pool metrics").isTrue();
    assertThat(scrape.sum("jvm_memory_used_bytes")).isPositive();
  }

  @Test
  void exposesTheBusPublishesSubscribersLagLagMarkersAndSweeps() throws Exception {
    long id = subscribe();
    Scrape behind = awaitScrape(s -> s.value("thermobus_bus_lag_max") > 60);
    assertThat(behind.value("thermobus_bus_subscribers", "state=\"live\"")).isEqualTo(1);
    assertThat(behind.value("thermobus_bus_lag_sum")).isEqualTo(behind.value("thermobus_bus_lag_max"));
    assertThat(behind.value("thermobus_bus_published_total")).isGreaterThan(60);
    assertThat(behind.value("thermobus_bus_retained")).isEqualTo(40);
    assertThat(behind.value("thermobus_bus_publish_rate")).isPositive();
    assertThat(behind.value("thermobus_bus_lagged_markers_total")).isZero();

    HttpResponse<Buffer> drained = service.client.get("/api/bus/subscriptions/" + id + "/events?max=1")
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send().await(10, TimeUnit.SECONDS);
    assertThat(drained.bodyAsJsonObject().getJsonArray("events").getJsonObject(0).getLong("lagged")).isPositive();
    Scrape after = awaitScrape(s -> s.value("thermobus_bus_lagged_markers_total") == 1);
    assertThat(after.value("thermobus_bus_sweeps_total")).as("a sweep every 100 ms").isGreaterThanOrEqualTo(1);
  }

  @Test
  void countsTombstonedSubscribersUntilTheSweep() throws Exception {
    service.close();
    service = start(new JsonObject().put("busSweepMs", 3_600_000));
    subscribe();
    long gone = subscribe();
    HttpResponse<Buffer> deleted = service.client.delete("/api/bus/subscriptions/" + gone)
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send().await(10, TimeUnit.SECONDS);
    assertThat(deleted.statusCode()).isEqualTo(204);
    Scrape scrape = awaitScrape(s -> s.value("thermobus_bus_subscribers", "state=\"tombstoned\"") == 1);
    assertThat(scrape.value("thermobus_bus_subscribers", "state=\"live\"")).isEqualTo(1);
    assertThat(scrape.value("thermobus_bus_sweeps_total")).isZero();
  }

  @Test
  void countsOpenBrowserStreamsAndCoalescedFrames() throws Exception {
    HttpClient http = service.vertx.createHttpClient();
    try {
      HttpClientResponse events = http.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/events")
          .compose(request -> request.send()).await(10, TimeUnit.SECONDS);
      assertThat(events.statusCode()).isEqualTo(200);
      Scrape open = awaitScrape(s -> s.value("thermobus_stream_connections") == 1);
      assertThat(open.value("thermobus_stream_coalesced_frames_total")).as("a client that keeps up").isZero();
      events.request().connection().close();
      awaitScrape(s -> s.value("thermobus_stream_connections") == 0);
    } finally {
      http.close();
    }
  }

  @Test
  void shouldNotAddMetricSeriesForInventedMethodNames() throws Exception {
    assertThat(service.send(HttpMethod.valueOf("BREW"), "/api/zones", null, null, null).statusCode()).isEqualTo(501);
    long before = httpServerSeries();
    for (int i = 0; i < 50; i++) {
      HttpResponse<Buffer> invented = service.send(HttpMethod.valueOf("X" + Long.toString(System.nanoTime() + i, 36).toUpperCase()),
          "/api/zones", null, null, null);
      assertThat(invented.statusCode()).isEqualTo(501);
      assertThat(invented.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(httpServerSeries()).as("every invented method counts under one label").isEqualTo(before);
  }

  /** The HTTP server series in a scrape, once the scrape's own request is counted. */
  private long httpServerSeries() throws Exception {
    long count = -1;
    for (int i = 0; i < 2; i++) {
      count = service.client.get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString().lines()
          .filter(line -> line.startsWith("vertx_http_server")).count();
    }
    return count;
  }

  private long subscribe() throws Exception {
    HttpResponse<Buffer> created = service.client.post("/api/bus/subscriptions").send().await(10, TimeUnit.SECONDS);
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  private Scrape awaitScrape(java.util.function.Predicate<Scrape> until) {
    Scrape[] last = new Scrape[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      HttpResponse<Buffer> response = service.client.get("/metrics").send().await(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
      last[0] = Scrape.parse(response.bodyAsString());
      return until.test(last[0]);
    });
    return last[0];
  }
}
