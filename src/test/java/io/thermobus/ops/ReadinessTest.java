package io.thermobus.ops;

import static io.thermobus.testing.RunningService.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.event.Concern;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
        .put("timeScale", TIME_SCALE).put("zones", "home,attic,kitchen").put("restartBackoffMs", 2_000));
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
        .containsEntry(shardOf("home", Concern.DISPLAY), "deployed").containsEntry(shardOf("attic", Concern.HEAT_LOSS), "deployed")
        .containsEntry("bus", "deployed").containsEntry("metrics", "deployed").containsEntry("supervisor", "deployed")
        .containsEntry("web", "deployed");
    assertThat(check(ready, "zones").getJsonObject("data").getMap())
        .containsEntry("hosted", 3).containsEntry("answered", 3).containsEntry("up", 3).doesNotContainKey("notUp");
    assertThat(check(ready, "http").getJsonObject("data").getInteger("port")).isEqualTo(service.port());
  }

  @Test
  void goesDownWhileAZoneVerticleIsMissingAndUpWhenTheSupervisorHasDeployedItAgain() throws Exception {
    awaitReadiness(200);
    vertx.undeploy(service.running.supervisor().deploymentId(shardOf("attic", Concern.HEAT_LOSS))).await(10, TimeUnit.SECONDS);

    JsonObject down = awaitReadiness(503);
    assertThat(down.getString("status")).isEqualTo("DOWN");
    JsonObject verticles = check(down, "verticles");
    assertThat(verticles.getString("status")).isEqualTo("DOWN");
    assertThat(verticles.getJsonObject("data").getMap())
        .containsEntry(shardOf("attic", Concern.HEAT_LOSS), "missing").containsEntry(shardOf("kitchen", Concern.HEAT_LOSS), "deployed");
    assertThat(live().statusCode()).as("alive all the same").isEqualTo(200);

    JsonObject up = awaitReadiness(200);
    assertThat(check(up, "verticles").getJsonObject("data").getMap()).containsEntry(shardOf("attic", Concern.HEAT_LOSS), "deployed");
  }

  @Test
  void goesDownWhileAZonesDisplayDoesNotAnswerAndUpWhenItAnswersAgain() throws Exception {
    awaitReadiness(200);
    String display = shardOf("home", Concern.DISPLAY);
    vertx.undeploy(service.running.supervisor().deploymentId(display)).await(10, TimeUnit.SECONDS);

    JsonObject down = awaitReadiness(503);
    JsonObject zones = check(down, "zones").getJsonObject("data");
    long elsewhere = Stream.of("home", "attic", "kitchen").filter(zone -> !shardOf(zone, Concern.DISPLAY).equals(display)).count();
    assertThat(zones.getInteger("answered")).as("the zones of the other shards answer").isEqualTo((int) elsewhere);
    assertThat(zones.getJsonObject("notUp").getMap()).containsEntry(display, "not answering");
    assertThat(check(down, "verticles").getJsonObject("data").getMap()).containsEntry(display, "missing");

    JsonObject up = awaitReadiness(200);
    assertThat(check(up, "zones").getJsonObject("data").getMap()).containsEntry("up", 3);
  }

  private String shardOf(String zone, Concern concern) {
    return concern.shardName(service.running.directory().shardOf(zone));
  }

  private HttpResponse<Buffer> live() throws Exception {
    return service.client.get("/health/live").send().await(10, TimeUnit.SECONDS);
  }

  private JsonObject awaitReadiness(int status) {
    return service.awaitReadiness(status);
  }
}
