package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fail-safe's stale timeout, with its floor of one wall second, follows the clock when its speed changes at run time. */
class StaleTimeoutScaleTest {

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // At 60x the 12 s timeout is raised to its floor of one wall second, 60 simulated s. The room,
    // once undeployed, stays away for the test.
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 60).put("restartBackoffMs", 30_000));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldTimeOutReadingsByTheSpeedTheClockRunsAtNow() throws Exception {
    await("readings").atMost(Duration.ofSeconds(20)).until(() -> "live".equals(zone().getString("readings")));
    assertThat(service.client.put("/api/simulation").putHeader("Authorization", "Bearer " + RunningService.TOKEN)
        .sendJsonObject(new JsonObject().put("timeScale", 2)).await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

    vertx.undeploy(service.running.supervisor().deploymentId(Concern.ROOM.shardName(service.running.directory().shardOf("home"))))
        .await(10, TimeUnit.SECONDS);
    long lost = System.nanoTime();
    await("fault").atMost(Duration.ofSeconds(20)).until(() -> zone().getString("fault") != null);
    Duration silence = Duration.ofNanos(System.nanoTime() - lost);

    assertThat(zone().getString("fault")).as("the configured 12 s, the floor at 2x being 2 s")
        .contains("(stale timeout 12 s)");
    assertThat(silence).as("12 simulated s at 2x are 6 wall s, counted from the last reading before the loss")
        .isGreaterThan(Duration.ofSeconds(3));
  }

  private JsonObject zone() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }
}
