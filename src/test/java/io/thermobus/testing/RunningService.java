package io.thermobus.testing;

import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.Thermobus;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.ops.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole service started in-process on a free loopback port, with a web client pointed at it.
 * Tests build one per test from a few configuration overrides, either on a Vertx of their own (then
 * {@code /metrics} has the service's meters but not Vert.x's) or, with {@link #startInstrumented},
 * on a Vertx created with metrics, as {@code Main} does, and closed with this.
 */
public final class RunningService implements AutoCloseable {

  public static final String TOKEN = "test-token-0123456789";

  public final Vertx vertx;
  public final ThermobusConfig config;
  public final Thermobus.Running running;
  public final WebClient client;
  private final boolean ownsVertx;

  private RunningService(Vertx vertx, ThermobusConfig config, Thermobus.Running running, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.config = config;
    this.running = running;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(running.port()).setKeepAlive(false));
  }

  /**
   * Starts the service with the test token, port 0, a fresh data directory (so no test sees
   * another's saved settings) and the given overrides (config-file keys).
   */
  public static RunningService start(Vertx vertx, JsonObject overrides) throws Exception {
    return start(vertx, Metrics.newRegistry(), overrides, false);
  }

  /** Starts the service on a new Vertx that reports Vert.x's own metrics, as {@code Main} does. */
  public static RunningService startInstrumented(JsonObject overrides) throws Exception {
    PrometheusMeterRegistry metrics = Metrics.newRegistry();
    Vertx vertx = Metrics.instrumentedVertx(metrics).build();
    try {
      return start(vertx, metrics, overrides, true);
    } catch (Exception e) {
      vertx.close().await(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static RunningService start(Vertx vertx, PrometheusMeterRegistry metrics, JsonObject overrides, boolean ownsVertx)
      throws Exception {
    Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "run-");
    // Tests write far faster than a person; the write-rate tests set their own limits.
    JsonObject merged = new JsonObject().put("port", 0).put("token", TOKEN).put("dataDir", dataDir.toString())
        .put("writeRate", 100_000).put("writeBurst", 100_000).mergeIn(overrides);
    ThermobusConfig config = ThermobusConfig.from(merged);
    PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
    Thermobus.Running running = Thermobus.start(vertx, metrics, config, false, silent).await(30, TimeUnit.SECONDS);
    return new RunningService(vertx, config, running, ownsVertx);
  }

  /** One request, waited for; {@code null} leaves a header or the body out. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String contentType, String body)
      throws Exception {
    HttpRequest<Buffer> request = client.request(method, path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await(10, TimeUnit.SECONDS);
  }

  /** A JSON {@code PUT} with the test token that must be answered 200. */
  public void put(String path, String json) throws Exception {
    HttpResponse<Buffer> response = send(HttpMethod.PUT, path, "Bearer " + TOKEN, "application/json", json);
    if (response.statusCode() != 200) {
      throw new AssertionError("PUT " + path + ": " + response.statusCode() + " " + response.bodyAsString());
    }
  }

  /** A weekly schedule's time of day, {@code "HH:MM"}, of a minute of the simulated week (0 is Monday 00:00). */
  public static String clockTime(long minuteOfWeek) {
    long minuteOfDay = minuteOfWeek % (24 * 60);
    return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }

  /** Polls {@code /health/ready} until it answers {@code status}; answers that body. */
  public JsonObject awaitReadiness(int status) {
    JsonObject[] body = new JsonObject[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      HttpResponse<Buffer> response = client.get("/health/ready").send().await(10, TimeUnit.SECONDS);
      body[0] = response.bodyAsJsonObject();
      return response.statusCode() == status;
    });
    return body[0];
  }

  /** One named check of a health answer. */
  public static JsonObject check(JsonObject health, String id) {
    JsonArray checks = health.getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (checks.getJsonObject(i).getString("id").equals(id)) {
        return checks.getJsonObject(i);
      }
    }
    throw new AssertionError("no check '" + id + "' in " + health.encodePrettily());
  }

  public int port() {
    return running.port();
  }

  @Override
  public void close() {
    client.close();
    if (ownsVertx) {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("Vert.x did not close within 10 s", e);
      }
    }
  }
}
