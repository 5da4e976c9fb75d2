package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.testing.OpenApiContract;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real responses of every route, success and error, checked against the {@code /openapi.yaml}
 * the service serves, and every documented response seen at least once: the document can
 * neither describe what the code does not do nor miss what it does.
 */
class ContractTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;

  private RunningService service;
  private OpenApiContract contract;
  private final List<String> mismatches = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // A short retention, so a subscriber that does not read falls behind and gets a lag marker;
    // the longest restart backoff, so a zone verticle undeployed here stays missing.
    service = RunningService.startInstrumented(new JsonObject()
        .put("timeScale", 60).put("zones", "home,attic").put("busRetainEvents", 40).put("restartBackoffMs", 30_000));
    HttpResponse<Buffer> yaml = service.client.get("/openapi.yaml").send().await(10, TimeUnit.SECONDS);
    contract = OpenApiContract.load(service.vertx, yaml.bodyAsString());
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
  }

  @Test
  void everyRoutesRealResponsesFitTheDocumentAndEveryDocumentedResponseOccurs() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> exchange(HttpMethod.GET, "/health/ready").statusCode() == 200);
    served();
    zoneReadsAndWrites();
    writeErrors();
    bus();
    experiments();
    streams();
    whileAZoneIsDown();
    tooManyWrites();

    assertThat(mismatches).as("responses that do not fit the document").isEmpty();
    assertThat(contract.exercisedResponses()).as("documented responses seen")
        .containsExactlyInAnyOrderElementsOf(contract.documentedResponses());
  }

  private void served() throws Exception {
    exchange(HttpMethod.GET, "/health/live");
    exchange(HttpMethod.GET, "/metrics");
    exchange(HttpMethod.GET, "/openapi.yaml");
    exchange(HttpMethod.GET, "/docs");
    HttpResponse<Buffer> docs = exchange(HttpMethod.GET, "/docs/");
    assertThat(docs.bodyAsString()).contains("swagger-ui-bundle.js").doesNotContain("https://");
    assertThat(docs.getHeader("Content-Security-Policy")).as("Swagger UI's own allowances, on its pages only")
        .isEqualTo(ApiDocs.SWAGGER_UI_POLICY);
    assertThat(exchange(HttpMethod.GET, "/").getHeader("Content-Security-Policy")).doesNotContain("unsafe-inline");
    // The page's assets are files, not API operations: fetched, not checked against the document.
    HttpResponse<Buffer> initializer = service.client.get("/docs/swagger-initializer.js").send().await(10, TimeUnit.SECONDS);
    assertThat(initializer.bodyAsString()).as("points at our contract").contains("url: \"/openapi.yaml\"");
    HttpResponse<Buffer> bundle = service.client.get("/docs/swagger-ui-bundle.js").send().await(10, TimeUnit.SECONDS);
    assertThat(bundle.statusCode()).as("the webjar, same origin").isEqualTo(200);
    exchange(HttpMethod.GET, "/");
  }

  private void zoneReadsAndWrites() throws Exception {
    exchange(HttpMethod.GET, "/api/zones");
    exchange(HttpMethod.GET, "/api/zones/home");
    exchange(HttpMethod.GET, "/api/zones/cellar");
    JsonObject cluster = exchange(HttpMethod.GET, "/api/cluster").bodyAsJsonObject();
    assertThat(cluster.getJsonArray("nodes")).as("a cluster of one without --cluster").hasSize(1);
    assertThat(cluster.getJsonObject("owners").getMap()).as("this node owns every zone")
        .containsOnlyKeys("home", "attic").containsValue(cluster.getString("node")).doesNotContainValue(null);
    assertThat(exchange(HttpMethod.GET, "/api/zones/home").bodyAsJsonObject().getString("owner")).isEqualTo(cluster.getString("node"));
    exchange(HttpMethod.GET, "/api/zones/home/history?seconds=60");
    exchange(HttpMethod.GET, "/api/zones/home/history?seconds=0");
    exchange(HttpMethod.GET, "/api/zones/cellar/history");
    assertThat(put("/api/zones/attic/desired", BEARER, "application/json", "{\"celsius\": 22.5}").statusCode()).isEqualTo(200);
    assertThat(post("/api/zones", BEARER, "application/json", "{\"zone\": \"cellar\", \"desired\": 19.5, \"initialTemperature\": 18}")
        .statusCode()).isEqualTo(201);
    assertThat(send(HttpMethod.DELETE, "/api/zones/cellar", BEARER, null, null).statusCode()).isEqualTo(204);
    exchange(HttpMethod.GET, "/api/zones/home/settings");
    exchange(HttpMethod.GET, "/api/zones/home/analytics?seconds=600");
    exchange(HttpMethod.GET, "/api/zones/home/analytics?seconds=0");
    exchange(HttpMethod.GET, "/api/zones/cellar/analytics");
    for (String setting : List.of("preset", "presets", "schedule")) {
      exchange(HttpMethod.GET, "/api/zones/home/" + setting);
      exchange(HttpMethod.GET, "/api/zones/cellar/" + setting);
    }
    assertThat(put("/api/zones/attic/presets", BEARER, "application/json", "{\"eco\": 16}").statusCode()).isEqualTo(200);
    assertThat(put("/api/zones/attic/preset", BEARER, "application/json", "{\"preset\": \"eco\"}").statusCode()).isEqualTo(200);
    assertThat(put("/api/zones/attic/preset", BEARER, "application/json", "{\"preset\": null}").statusCode()).isEqualTo(200);
    assertThat(put("/api/zones/attic/schedule", BEARER, "application/json",
        "{\"entries\": [{\"days\": [\"sat\", \"sun\"], \"at\": \"08:00\", \"preset\": \"comfort\"}]}").statusCode()).isEqualTo(200);
    assertThat(put("/api/zones/attic/schedule", BEARER, "application/json", "{\"entries\": []}").statusCode()).isEqualTo(200);
    assertThat(post("/api/zones/attic/window", BEARER, "application/json", "{\"open\": true, \"seconds\": 60}").statusCode())
        .isEqualTo(200);
    assertThat(post("/api/zones/attic/window", BEARER, "application/json", "{\"open\": false}").statusCode()).isEqualTo(200);
    exchange(HttpMethod.GET, "/api/zones/cellar/settings");
    assertThat(put("/api/zones/attic/settings", BEARER, "application/json",
        "{\"controller\": \"hysteresis\", \"protections\": {\"minOnSeconds\": 60}}").statusCode()).isEqualTo(200);
    exchange(HttpMethod.GET, "/api/simulation");
    assertThat(put("/api/simulation", BEARER, "application/json", "{\"timeScale\": 60}").statusCode()).isEqualTo(200);
  }

  private void writeErrors() throws Exception {
    put("/api/zones/home/desired", BEARER, "application/json", "{\"celsius\": \"warm\"}");
    put("/api/zones/home/desired", BEARER, "application/json", "{\"celsius\": 99}");
    put("/api/zones/home/desired", BEARER, "application/json", "not json");
    put("/api/zones/home/desired", null, "application/json", "{\"celsius\": 22}");
    put("/api/zones/home/desired", "Bearer wrong", "application/json", "{\"celsius\": 22}");
    put("/api/zones/cellar/desired", BEARER, "application/json", "{\"celsius\": 22}");
    put("/api/zones/home/desired", BEARER, "application/json", "{\"celsius\": 22, \"pad\": \"" + "x".repeat(20_000) + "\"}");
    put("/api/zones/home/desired", BEARER, "text/plain", "22");
    put("/api/zones/home/settings", BEARER, "application/json", "{\"controller\": \"bangbang\"}");
    put("/api/zones/home/settings", null, "application/json", "{}");
    put("/api/zones/cellar/settings", BEARER, "application/json", "{}");
    put("/api/zones/home/settings", BEARER, "application/json", "{\"pad\": \"" + "x".repeat(20_000) + "\"}");
    put("/api/zones/home/settings", BEARER, "text/plain", "{}");
    post("/api/zones/home/window", BEARER, "application/json", "{\"open\": \"wide\"}");
    post("/api/zones/home/window", null, "application/json", "{\"open\": true}");
    post("/api/zones/cellar/window", BEARER, "application/json", "{\"open\": true}");
    post("/api/zones/home/window", BEARER, "application/json", "{\"open\": true, \"pad\": \"" + "x".repeat(20_000) + "\"}");
    post("/api/zones/home/window", BEARER, "text/plain", "open");
    for (String setting : List.of("preset", "presets", "schedule")) {
      String path = "/api/zones/home/" + setting;
      put(path, BEARER, "application/json", "{\"preset\": \"tropical\", \"eco\": 99, \"entries\": 3}");
      put(path, null, "application/json", "{}");
      put("/api/zones/cellar/" + setting, BEARER, "application/json", "{}");
      put(path, BEARER, "application/json", "{\"pad\": \"" + "x".repeat(20_000) + "\"}");
      put(path, BEARER, "text/plain", "{}");
    }
    post("/api/zones", BEARER, "application/json", "{\"zone\": \"Not A Name\"}");
    post("/api/zones", null, "application/json", "{\"zone\": \"cellar\"}");
    post("/api/zones", BEARER, "application/json", "{\"zone\": \"home\"}");
    post("/api/zones", BEARER, "application/json", "{\"zone\": \"cellar\", \"pad\": \"" + "x".repeat(20_000) + "\"}");
    post("/api/zones", BEARER, "text/plain", "cellar");
    send(HttpMethod.DELETE, "/api/zones/cellar", BEARER, null, null);
    send(HttpMethod.DELETE, "/api/zones/home", null, null, null);
    put("/api/simulation", BEARER, "application/json", "{\"timeScale\": 0}");
    put("/api/simulation", null, "application/json", "{\"timeScale\": 2}");
    put("/api/simulation", BEARER, "application/json", "{\"timeScale\": 2, \"pad\": \"" + "x".repeat(20_000) + "\"}");
    put("/api/simulation", BEARER, "text/plain", "2");
  }

  private void bus() throws Exception {
    String json = "application/json";
    JsonObject latest = post("/api/bus/subscriptions", null, null, null).bodyAsJsonObject();
    String secret = "Bearer " + latest.getString("secret");
    JsonObject earliest = post("/api/bus/subscriptions", null, json, "{\"topics\": [\"temperature\"], \"from\": \"earliest\"}").bodyAsJsonObject();
    post("/api/bus/subscriptions", null, json, "{\"from\": " + (earliest.getLong("next") + 1_000_000) + "}");
    post("/api/bus/subscriptions", null, json, "{\"from\": \"yesterday\"}");
    post("/api/bus/subscriptions", null, json, "{\"topics\": [\"" + "x".repeat(20_000) + "\"]}");
    post("/api/bus/subscriptions", null, "text/plain", "temperature");
    exchange(HttpMethod.GET, "/api/bus/subscriptions");
    exchange(HttpMethod.GET, "/api/bus/subscriptions?limit=1");
    exchange(HttpMethod.GET, "/api/bus/subscriptions?limit=1&after=" + latest.getLong("id"));
    exchange(HttpMethod.GET, "/api/bus/subscriptions?limit=0");

    String events = "/api/bus/subscriptions/" + latest.getLong("id") + "/events";
    await().atMost(Duration.ofSeconds(30)).until(() -> service.client.get("/api/bus/subscriptions").send()
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("subscriptions").stream()
        .map(JsonObject.class::cast).anyMatch(s -> s.getLong("id").equals(latest.getLong("id")) && s.getLong("lag") > 60));
    JsonObject drained = send(HttpMethod.GET, events + "?max=5", secret, null, null).bodyAsJsonObject();
    assertThat(drained.getJsonArray("events").getJsonObject(0).containsKey("lagged")).as("fell out of retention").isTrue();
    send(HttpMethod.GET, events + "?max=5&waitMs=50", secret, null, null);
    exchange(HttpMethod.GET, events + "?max=0");
    exchange(HttpMethod.GET, events);
    exchange(HttpMethod.GET, "/api/bus/subscriptions/abc/events");
    exchange(HttpMethod.DELETE, "/api/bus/subscriptions/" + earliest.getLong("id"));
    send(HttpMethod.DELETE, "/api/bus/subscriptions/" + earliest.getLong("id"), BEARER, null, null);
    send(HttpMethod.DELETE, "/api/bus/subscriptions/" + latest.getLong("id"), secret, null, null);
    exchange(HttpMethod.DELETE, "/api/bus/subscriptions/abc");
    exchange(HttpMethod.GET, events);

    post("/api/bus/events", BEARER, json, "{\"topic\": \"note\", \"data\": {\"text\": \"hello\"}}");
    post("/api/bus/events", BEARER, json, "{\"topic\": \"temperature\"}");
    post("/api/bus/events", null, json, "{\"topic\": \"note\"}");
    post("/api/bus/events", BEARER, json, "{\"topic\": \"note\", \"data\": {\"pad\": \"" + "x".repeat(20_000) + "\"}}");
    post("/api/bus/events", BEARER, "text/plain", "note");
  }

  private void experiments() throws Exception {
    String json = "application/json";
    String scenario = "{\"name\": \"contract\", \"duration\": \"PT6H\", \"controllers\": [{\"controller\": \"hysteresis\"}]}";
    HttpResponse<Buffer> ran = post("/api/experiments", BEARER, json, scenario);
    assertThat(ran.statusCode()).isEqualTo(201);
    assertThat(exchange(HttpMethod.GET, ran.getHeader("Location")).bodyAsJsonObject()).isEqualTo(ran.bodyAsJsonObject());
    exchange(HttpMethod.GET, "/api/experiments/0123456789abcdef");
    HttpResponse<Buffer> shipped = post("/api/experiments", BEARER, json, "{\"scenario\": \"chapter\"}");
    assertThat(shipped.bodyAsJsonObject().getString("scenario")).isEqualTo("chapter");
    assertThat(exchange(HttpMethod.GET, "/api/experiments").bodyAsJsonObject().getJsonArray("experiments").getJsonObject(0)
        .getString("id")).as("newest first").isEqualTo(shipped.bodyAsJsonObject().getString("id"));
    post("/api/experiments", BEARER, json, "{\"name\": \"contract\"}");
    post("/api/experiments", null, json, scenario);
    post("/api/experiments", BEARER, json, "{\"name\": \"x\", \"pad\": \"" + "x".repeat(20_000) + "\"}");
    post("/api/experiments", BEARER, "text/plain", scenario);
    // One at a time: a second run while a fortnight of two controllers is still being simulated.
    String fortnight = "{\"name\": \"long\", \"duration\": \"P14D\", \"room\": {\"model\": \"thermal\"},"
        + " \"controllers\": [{\"controller\": \"tpi\"}, {\"controller\": \"predictive\"}]}";
    var running = service.client.post("/api/experiments").putHeader("Authorization", BEARER).putHeader("Content-Type", json)
        .sendBuffer(Buffer.buffer(fortnight));
    await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
        .until(() -> post("/api/experiments", BEARER, json, scenario).statusCode() == 503);
    assertThat(check(HttpMethod.POST, "/api/experiments", running).statusCode()).isEqualTo(201);
  }

  /** The event stream and the WebSocket never end: their heads are checked, then they are closed. */
  private void streams() throws Exception {
    exchange(HttpMethod.GET, "/api/events?zone=Home!");
    HttpClient http = service.vertx.createHttpClient();
    WebSocketClient webSockets = service.vertx.createWebSocketClient();
    try {
      HttpClientResponse events = http.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/events?topics=temperature")
          .compose(request -> request.send()).await(10, TimeUnit.SECONDS);
      mismatches.addAll(contract.checkHead(HttpMethod.GET, "/api/events", events.statusCode(), events.headers()));
      events.request().connection().close();

      exchange(HttpMethod.GET, "/api/ws");
      exchange(HttpMethod.GET, "/api/ws?since=x");
      WebSocket socket = webSockets.connect(service.port(), "127.0.0.1", "/api/ws").await(10, TimeUnit.SECONDS);
      mismatches.addAll(contract.checkHead(HttpMethod.GET, "/api/ws", 101, socket.headers()));
      socket.close().await(10, TimeUnit.SECONDS);
    } finally {
      http.close();
      webSockets.close();
    }
  }

  /** Undeploys the shards hosting attic: its routes answer 503, and so do creating a zone there and deleting attic. */
  private void whileAZoneIsDown() throws Exception {
    int shard = service.running.directory().shardOf("attic");
    for (Concern concern : List.of(Concern.DISPLAY, Concern.INPUT, Concern.HISTORY, Concern.HEAT_LOSS)) {
      service.vertx.undeploy(service.running.supervisor().deploymentId(concern.shardName(shard))).await(10, TimeUnit.SECONDS);
    }
    assertThat(exchange(HttpMethod.GET, "/health/ready").statusCode()).isEqualTo(503);
    assertThat(exchange(HttpMethod.GET, "/api/zones").statusCode()).isEqualTo(503);
    assertThat(exchange(HttpMethod.GET, "/api/zones/attic").statusCode()).isEqualTo(503);
    assertThat(put("/api/zones/attic/desired", BEARER, "application/json", "{\"celsius\": 22}").statusCode()).isEqualTo(503);
    assertThat(exchange(HttpMethod.GET, "/api/zones/attic/history").statusCode()).isEqualTo(503);
    assertThat(exchange(HttpMethod.GET, "/api/zones/attic/settings").statusCode()).isEqualTo(503);
    assertThat(exchange(HttpMethod.GET, "/api/zones/attic/analytics").statusCode()).isEqualTo(503);
    assertThat(post("/api/zones/attic/window", BEARER, "application/json", "{\"open\": true}").statusCode()).isEqualTo(503);
    assertThat(put("/api/zones/attic/settings", BEARER, "application/json", "{}").statusCode()).isEqualTo(503);
    for (String setting : List.of("preset", "presets", "schedule")) {
      assertThat(exchange(HttpMethod.GET, "/api/zones/attic/" + setting).statusCode()).isEqualTo(503);
      String valid = setting.equals("preset") ? "{\"preset\": null}" : "{}";
      assertThat(put("/api/zones/attic/" + setting, BEARER, "application/json", valid).statusCode()).isEqualTo(503);
    }
    String sameShard = IntStream.range(0, 1000).mapToObj(i -> "new-" + i)
        .filter(zone -> service.running.directory().shardOf(zone) == shard).findFirst().orElseThrow();
    assertThat(post("/api/zones", BEARER, "application/json", "{\"zone\": \"" + sameShard + "\"}").statusCode()).isEqualTo(503);
    assertThat(send(HttpMethod.DELETE, "/api/zones/attic", BEARER, null, null).statusCode()).isEqualTo(503);
  }

  /**
   * On a second service that allows one write per second: every write route answers 429 after the
   * first write (anonymous writes have their own allowance, used up by the first subscribe).
   */
  private void tooManyWrites() throws Exception {
    RunningService main = service;
    try (RunningService strict = RunningService.startInstrumented(
        new JsonObject().put("timeScale", 0.01).put("writeRate", 1).put("writeBurst", 1))) {
      service = strict;
      String json = "application/json";
      assertThat(put("/api/zones/home/desired", BEARER, json, "{\"celsius\": 22}").statusCode()).isEqualTo(200);
      put("/api/zones/home/desired", BEARER, json, "{\"celsius\": 22}");
      post("/api/bus/subscriptions", null, null, null);
      post("/api/bus/subscriptions", null, null, null);
      exchange(HttpMethod.DELETE, "/api/bus/subscriptions/1");
      post("/api/bus/events", BEARER, json, "{\"topic\": \"note\"}");
      post("/api/zones", BEARER, json, "{\"zone\": \"cellar\"}");
      send(HttpMethod.DELETE, "/api/zones/home", BEARER, null, null);
      put("/api/simulation", BEARER, json, "{\"timeScale\": 2}");
      put("/api/zones/home/settings", BEARER, json, "{}");
      put("/api/zones/home/preset", BEARER, json, "{\"preset\": null}");
      put("/api/zones/home/presets", BEARER, json, "{}");
      put("/api/zones/home/schedule", BEARER, json, "{}");
      post("/api/zones/home/window", BEARER, json, "{\"open\": false}");
      post("/api/experiments", BEARER, json, "{}");
    } finally {
      service = main;
    }
  }

  private HttpResponse<Buffer> exchange(HttpMethod method, String path) throws Exception {
    return check(method, path, service.client.request(method, path).followRedirects(false).send());
  }

  private HttpResponse<Buffer> put(String path, String authorization, String contentType, String body) throws Exception {
    return send(HttpMethod.PUT, path, authorization, contentType, body);
  }

  private HttpResponse<Buffer> post(String path, String authorization, String contentType, String body) throws Exception {
    return send(HttpMethod.POST, path, authorization, contentType, body);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String contentType, String body)
      throws Exception {
    HttpRequest<Buffer> request = service.client.request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return check(method, path, body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  private HttpResponse<Buffer> check(HttpMethod method, String path, io.vertx.core.Future<HttpResponse<Buffer>> sent)
      throws Exception {
    HttpResponse<Buffer> response = sent.await(10, TimeUnit.SECONDS);
    mismatches.addAll(contract.check(method, path, response));
    return response;
  }
}
