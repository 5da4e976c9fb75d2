package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.Topic;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the temperature readings stop, the heater goes off and the zone reports a fault, until readings return. */
class FailSafeTest {

  private Vertx vertx;
  private RunningService service;
  private final List<HeaterSwitched> switches = new CopyOnWriteArrayList<>();
  private final List<FrameRendered> frames = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // 60x: heat-loss periods of 50 ms wall, a stale timeout of 12 simulated s = 200 ms wall;
    // the room comes back 3 s after it is lost, long after the fault.
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 60).put("restartBackoffMs", 3000));
    vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), m -> switches.add(m.body()));
    vertx.eventBus().<FrameRendered>consumer(Topic.FRAME.address(), m -> frames.add(m.body()));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldSwitchTheHeaterOffAndReportAFaultWhenReadingsStopThenRecover() throws Exception {
    await("heater on").atMost(Duration.ofSeconds(20)).until(() -> zone().getBoolean("heaterOn"));
    assertThat(ready().statusCode()).isEqualTo(200);

    vertx.undeploy(service.running.supervisor().deploymentId(shardOfHome(Concern.ROOM))).await(10, TimeUnit.SECONDS);

    await("fault").atMost(Duration.ofSeconds(10)).until(() -> zone().getString("fault") != null);
    JsonObject faulted = zone();
    assertThat(faulted.getBoolean("heaterOn")).isFalse();
    assertThat(faulted.getString("fault")).contains("no temperature reading").contains("heater forced off");
    assertThat(switches.get(switches.size() - 1).on()).as("the heater was commanded off").isFalse();
    assertThat(frames).as("the display shows the fault").anyMatch(frame -> !frame.heaterOn() && frame.text().contains("FAULT: no temperature reading"));
    HttpResponse<Buffer> notReady = ready();
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.bodyAsString()).contains("fault: no temperature reading").contains(shardOfHome(Concern.ROOM));

    await("recovery").atMost(Duration.ofSeconds(20)).until(() -> zone().getString("fault") == null);
    await("ready again").atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
    await("heating again").atMost(Duration.ofSeconds(20)).until(() -> switches.get(switches.size() - 1).on());
  }

  @Test
  void shouldAnswer503WhileTheDisplayIsRedeployedThenResumeHeating() throws Exception {
    await("heater on").atMost(Duration.ofSeconds(20)).until(() -> zone().getBoolean("heaterOn"));
    vertx.undeploy(service.running.supervisor().deploymentId(shardOfHome(Concern.DISPLAY))).await(10, TimeUnit.SECONDS);
    int switchesBefore = switches.size();

    HttpResponse<Buffer> restarting = service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS);
    assertThat(restarting.statusCode()).isEqualTo(503);
    assertThat(restarting.getHeader("Retry-After")).isEqualTo("1");
    assertThat(restarting.bodyAsJsonObject().getString("detail")).contains("restarting");
    assertThat(service.client.get("/api/zones/attic").send().await(10, TimeUnit.SECONDS).statusCode())
        .as("a zone this node does not host is still unknown").isEqualTo(404);

    await("display back").atMost(Duration.ofSeconds(20)).until(() -> service.running.supervisor().missing().isEmpty());
    await("the new display commands the heater").atMost(Duration.ofSeconds(20)).until(() -> switches.size() > switchesBefore);
    await("ready").atMost(Duration.ofSeconds(20)).until(() -> ready().statusCode() == 200);
    assertThat(zone().getDouble("desired")).as("the new display knows the setting without a change").isEqualTo(21.0);
  }

  private String shardOfHome(Concern concern) {
    return concern.shardName(service.running.directory().shardOf("home"));
  }

  private JsonObject zone() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  private HttpResponse<Buffer> ready() throws Exception {
    return service.client.get("/health/ready").send().await(10, TimeUnit.SECONDS);
  }
}
