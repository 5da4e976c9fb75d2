package io.thermobus.ops;

import static io.thermobus.testing.RunningService.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /health/live} and {@code /health/ready} with their per-check detail, as verticles fail and recover. */
class ReadinessTest {

  private static final double TIME_SCALE = 240;

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // The supervisor waits 2 s before it redeploys a lost zone verticle: long enough to see readiness down.
    service = RunningService.start(vertx, new JsonObject()
        .put("timeScale", TIME_SCALE).put("zones", "home,attic").put("restartBackoffMs", 2_000));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void isReadyWithEveryCheckUpOnceTheZonesHaveReadings() {
    JsonObject ready = awaitReadiness(200);
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(check(ready, "verticles").getJsonObject("data").getMap())
        .containsEntry("home/display", "deployed").containsEntry("attic/heat-loss", "deployed")
        .containsEntry("bus", "deployed").containsEntry("metrics", "deployed").containsEntry("supervisor", "deployed")
        .containsEntry("web", "deployed");
    assertThat(check(ready, "zones").getJsonObject("data").getMap()).containsEntry("home", "up").containsEntry("attic", "up");
    assertThat(check(ready, "http").getJsonObject("data").getInteger("port")).isEqualTo(service.port());
  }

  @Test
  void goesDownWhileAZoneVerticleIsMissingAndUpWhenTheSupervisorHasDeployedItAgain() throws Exception {
    awaitReadiness(200);
    vertx.undeploy(service.running.supervisor().deploymentId("attic/heat-loss")).await(10, TimeUnit.SECONDS);

    JsonObject down = awaitReadiness(503);
    assertThat(down.getString("status")).isEqualTo("DOWN");
    JsonObject verticles = check(down, "verticles");
    assertThat(verticles.getString("status")).isEqualTo("DOWN");
    assertThat(verticles.getJsonObject("data").getMap())
        .containsEntry("attic/heat-loss", "missing").containsEntry("home/heat-loss", "deployed");
    assertThat(live().statusCode()).as("alive all the same").isEqualTo(200);

    JsonObject up = awaitReadiness(200);
    assertThat(check(up, "verticles").getJsonObject("data").getMap()).containsEntry("attic/heat-loss", "deployed");
  }

  @Test
  void goesDownWhileAZonesDisplayDoesNotAnswerAndUpWhenItAnswersAgain() throws Exception {
    awaitReadiness(200);
    vertx.undeploy(service.running.supervisor().deploymentId("home/display")).await(10, TimeUnit.SECONDS);

    JsonObject down = awaitReadiness(503);
    assertThat(check(down, "zones").getJsonObject("data").getMap())
        .containsEntry("home", "not answering").containsEntry("attic", "up");
    assertThat(check(down, "verticles").getJsonObject("data").getMap()).containsEntry("home/display", "missing");

    JsonObject up = awaitReadiness(200);
    assertThat(check(up, "zones").getJsonObject("data").getMap()).containsEntry("home", "up");
  }

  private HttpResponse<Buffer> live() throws Exception {
    return service.client.get("/health/live").send().await(10, TimeUnit.SECONDS);
  }

  private JsonObject awaitReadiness(int status) {
    return service.awaitReadiness(status);
  }
}
