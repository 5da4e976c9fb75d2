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

/** A window opened over REST triples the room's loss; the zone's controller detects it from the fall and shows it. */
class ZoneWindowTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 60));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldShowAnOpenWindowTheControllerDetected() throws Exception {
    // The chapter's room cools by 0.2 °C a minute; with the window open, by 0.6.
    assertThat(send(HttpMethod.PUT, "/api/zones/home/settings",
        "{\"protections\": {\"window\": {\"dropPerMinute\": 0.4, \"slopeSeconds\": 60, \"offSeconds\": 1800}}}").statusCode())
        .isEqualTo(200);
    // Heating at full power would make up for the open window's loss: let the room cool instead.
    assertThat(send(HttpMethod.PUT, "/api/zones/home/desired", "{\"celsius\": 15}").statusCode()).isEqualTo(200);
    await("readings").atMost(Duration.ofSeconds(60)).until(() -> "live".equals(state().getString("readings")));
    assertThat(state().getString("mode")).isEqualTo("normal");
    assertThat(state().getString("controller")).isEqualTo("onoff");

    JsonObject opened = send(HttpMethod.POST, "/api/zones/home/window", "{\"open\": true, \"seconds\": 1200}").bodyAsJsonObject();
    assertThat(opened).isEqualTo(new JsonObject().put("zone", "home").put("open", true).put("seconds", 1200));
    await("window detected").atMost(Duration.ofSeconds(60)).until(() -> "window-open".equals(state().getString("mode")));
    assertThat(state().getBoolean("heaterOn")).as("off while the window is open").isFalse();
    assertThat(send(HttpMethod.POST, "/api/zones/home/window", "{\"open\": false}").statusCode()).isEqualTo(200);
  }

  private JsonObject state() throws Exception {
    return service.send(HttpMethod.GET, "/api/zones/home", null, null, null).bodyAsJsonObject();
  }

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> send(HttpMethod method, String path, String json)
      throws Exception {
    return service.send(method, path, BEARER, "application/json", json);
  }
}
