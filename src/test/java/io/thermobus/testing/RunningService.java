package io.thermobus.testing;

import io.thermobus.Thermobus;
import io.thermobus.config.ThermobusConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole service started in-process on a free loopback port, with a web client pointed at it.
 * Tests build one per test from a few configuration overrides.
 */
public final class RunningService implements AutoCloseable {

  public static final String TOKEN = "test-token-0123456789";

  public final Vertx vertx;
  public final ThermobusConfig config;
  public final Thermobus.Running running;
  public final WebClient client;

  private RunningService(Vertx vertx, ThermobusConfig config, Thermobus.Running running) {
    this.vertx = vertx;
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
    Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "run-");
    // Tests write far faster than a person; the write-rate tests set their own limits.
    JsonObject merged = new JsonObject().put("port", 0).put("token", TOKEN).put("dataDir", dataDir.toString())
        .put("writeRate", 100_000).put("writeBurst", 100_000).mergeIn(overrides);
    ThermobusConfig config = ThermobusConfig.from(merged);
    PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
    Thermobus.Running running = Thermobus.start(vertx, config, false, silent).await(30, TimeUnit.SECONDS);
    return new RunningService(vertx, config, running);
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

  public int port() {
    return running.port();
  }

  @Override
  public void close() {
    client.close();
  }
}
