package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits answered as status codes with problems, the browser policy headers, and CORS. */
class WebLimitsTest {

  private Vertx vertx;
  private RunningService service;

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void start(JsonObject overrides) throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, overrides.put("timeScale", 0.01));
  }

  @Test
  void shouldAnswer429WithRetryAfterOnceAClientExceedsItsWriteRate() throws Exception {
    start(new JsonObject().put("writeRate", 1).put("writeBurst", 3));
    for (int i = 0; i < 3; i++) {
      assertThat(putDesired("22").statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> limited = putDesired("30");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 2);
    assertThat(desired()).as("the limited write changed nothing").isEqualTo(22.0);
    assertThat(service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).statusCode())
        .as("reads are not limited").isEqualTo(200);
  }

  @Test
  void shouldNotLetAnonymousWritesFromTheSameAddressUseUpTheTokenHoldersAllowance() throws Exception {
    start(new JsonObject().put("writeRate", 1).put("writeBurst", 30));
    List<Integer> anonymous = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      anonymous.add(service.client.put("/api/zones/home/desired").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"celsius\": 30}")).await(10, TimeUnit.SECONDS).statusCode());
    }
    assertThat(anonymous).containsOnly(401, 429).contains(401, 429);
    assertThat(anonymous.subList(0, service.config.web().writeBurst())).as("refused for the token first").containsOnly(401);
    assertThat(putDesired("22").statusCode()).as("the token holder is not locked out").isEqualTo(200);
    assertThat(desired()).isEqualTo(22.0);
  }

  @Test
  void shouldRefuseAWriteFromAForeignPageWhenCorsIsOff() throws Exception {
    start(new JsonObject());
    for (var method : List.of(io.vertx.core.http.HttpMethod.PUT, io.vertx.core.http.HttpMethod.POST, io.vertx.core.http.HttpMethod.DELETE)) {
      HttpResponse<Buffer> foreign = service.client.request(method, method == io.vertx.core.http.HttpMethod.PUT
              ? "/api/zones/home/desired" : method == io.vertx.core.http.HttpMethod.POST ? "/api/bus/events" : "/api/bus/subscriptions/0")
          .putHeader("Origin", "https://evil.example")
          .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"celsius\": 30, \"topic\": \"note\"}")).await(10, TimeUnit.SECONDS);
      assertThat(foreign.statusCode()).as(method.name()).isEqualTo(403);
      assertThat(foreign.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(desired()).as("the refused write changed nothing").isNotEqualTo(30.0);
  }

  @Test
  void shouldServeThePageAndTheApiWithTheBrowserPolicy() throws Exception {
    start(new JsonObject());
    for (String path : List.of("/", "/api/zones", "/api/nothing")) {
      HttpResponse<Buffer> response = service.client.get(path).send().await(10, TimeUnit.SECONDS);
      assertThat(response.getHeader("Content-Security-Policy")).as(path)
          .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
      assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
    }
  }

  @Test
  void shouldNotAllowOtherOriginsByDefault() throws Exception {
    start(new JsonObject());
    HttpResponse<Buffer> response = service.client.get("/api/zones").putHeader("Origin", "https://evil.example")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void shouldAllowOnlyTheConfiguredOrigins() throws Exception {
    start(new JsonObject().put("corsOrigins", "https://home.example"));
    HttpResponse<Buffer> allowed = service.client.get("/api/zones").putHeader("Origin", "https://home.example")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://home.example");
    HttpResponse<Buffer> foreign = service.client.get("/api/zones").putHeader("Origin", "https://evil.example")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.getHeader("Content-Type")).isEqualTo("application/problem+json");
    HttpResponse<Buffer> sameOrigin = service.client.put("/api/zones/home/desired")
        .putHeader("Origin", "http://127.0.0.1:" + service.port())
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"celsius\": 22}")).await(10, TimeUnit.SECONDS);
    assertThat(sameOrigin.statusCode()).as("the dashboard's own writes still work").isEqualTo(200);
  }

  @Test
  void shouldAnswerAnOverlongRequestLineOrHeaderWithAProblem() throws Exception {
    start(new JsonObject());
    HttpResponse<Buffer> longLine = service.client.get("/api/zones/" + "a".repeat(5000)).send().await(10, TimeUnit.SECONDS);
    assertThat(longLine.statusCode()).isEqualTo(414);
    assertThat(longLine.getHeader("Content-Type")).isEqualTo("application/problem+json");
    HttpResponse<Buffer> bigHeader = service.client.get("/api/zones").putHeader("X-Padding", "b".repeat(10_000))
        .send().await(10, TimeUnit.SECONDS);
    assertThat(bigHeader.statusCode()).isEqualTo(431);
    assertThat(bigHeader.bodyAsJsonObject().getInteger("status")).isEqualTo(431);
  }

  @Test
  void shouldRefuseAWebSocketUpgradeFromAForeignPage() throws Exception {
    start(new JsonObject().put("corsOrigins", "https://home.example"));
    WebSocketClient sockets = vertx.createWebSocketClient();
    for (String origin : List.of("https://evil.example", "http://127.0.0.1:1")) {
      Throwable refused = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(service.port())
              .setURI("/api/ws").addHeader("Origin", origin))
          .map(socket -> (Throwable) null).otherwise(failure -> failure).await(10, TimeUnit.SECONDS);
      assertThat(refused).as(origin).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) refused).getStatus()).as(origin).isEqualTo(403);
    }
    for (String origin : List.of("https://home.example", "http://127.0.0.1:" + service.port())) {
      Throwable passed = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(service.port())
              .setURI("/api/ws").addHeader("Origin", origin))
          .map(socket -> (Throwable) null).otherwise(failure -> failure).await(10, TimeUnit.SECONDS);
      if (passed != null) {
        assertThat(((UpgradeRejectedException) passed).getStatus()).as("%s passes the origin check", origin).isNotEqualTo(403);
      }
    }
  }

  private HttpResponse<Buffer> putDesired(String celsius) throws Exception {
    return service.client.put("/api/zones/home/desired")
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"celsius\": " + celsius + "}")).await(10, TimeUnit.SECONDS);
  }

  private double desired() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getDouble("desired");
  }
}
