package io.thermobus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.thermobus.event.Concern;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Many zones on one node: each follows its own setpoint, and 10,000 start, answer, survive a failed shard and stop. */
class ManyZonesTest {

  private Vertx vertx;
  private RunningService service;
  private ListAppender<ILoggingEvent> log;

  @AfterEach
  void stop() throws Exception {
    if (log != null) {
      root().detachAppender(log);
    }
    if (service != null) {
      service.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldSettleAHundredZonesEachAroundItsOwnSetpoint() throws Exception {
    JsonArray zones = new JsonArray();
    Map<String, Double> desired = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      double setpoint = 18 + (i % 7) * 0.5;
      desired.put("zone-" + i, setpoint);
      zones.add(new JsonObject().put("name", "zone-" + i).put("desired", setpoint).put("initialTemperature", setpoint - 0.3));
    }
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 60).put("zones", zones));

    // Each room oscillates around its setpoint on its own phase, so they are never all above it at once:
    // wait until each one has reached it.
    Set<String> reached = new HashSet<>();
    await("every zone reached its setpoint").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          states().stream().filter(zone -> zone.getValue("temperature") != null
                  && zone.getDouble("temperature") >= desired.get(zone.getString("zone")))
              .forEach(zone -> reached.add(zone.getString("zone")));
          return reached.size() == desired.size();
        });
    for (int sample = 0; sample < 5; sample++) {
      assertThat(states()).hasSize(100).allSatisfy(zone -> assertThat(zone.getDouble("temperature"))
          .as(zone.getString("zone")).isBetween(desired.get(zone.getString("zone")) - 0.05, desired.get(zone.getString("zone")) + 0.05));
    }
  }

  @Test
  void shouldStartTenThousandZonesAnswerSurviveAFailedShardAndStopWithAShortLog() throws Exception {
    log = new ListAppender<>();
    log.start();
    root().addAppender(log);
    String zones = String.join(",", IntStream.range(0, 10_000).mapToObj(i -> "z" + i).toList());
    vertx = Vertx.vertx();
    long startedAt = System.nanoTime();
    // Readings every 3 simulated s; a room shard gone for 8 wall s is stale (6 s, 3 wall s) long before it returns.
    service = RunningService.start(vertx, new JsonObject().put("zones", zones).put("timeScale", 2).put("staleTimeout", 6)
        .put("initialTemperature", 15)
        .put("restartBackoffMs", 8_000));
    await("ready").atMost(Duration.ofSeconds(60)).until(() -> status("/health/ready") == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).as("time to ready").isLessThan(Duration.ofSeconds(45));
    assertThat(states()).hasSize(10_000);
    assertThat(service.client.get("/api/zones/z4242").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getString("zone"))
        .isEqualTo("z4242");

    String room = Concern.ROOM.shardName(service.running.directory().shardOf("z7"));
    await("z7 warmed up from its initial 15.00").atMost(Duration.ofSeconds(60)).until(() -> temperature("z7") >= 15.10);
    double before = temperature("z7");
    vertx.undeploy(service.running.supervisor().deploymentId(room)).await(10, TimeUnit.SECONDS);
    await("its zones fail safe").atMost(Duration.ofSeconds(30)).until(() -> zone("z7").getString("fault") != null);
    await("the shard is back").atMost(Duration.ofSeconds(30)).until(() -> service.running.supervisor().missing().isEmpty());
    await("readings are back").atMost(Duration.ofSeconds(30)).until(() -> zone("z7").getString("fault") == null);
    assertThat(temperature("z7")).as("the room continues from its last known temperature, not its initial one")
        .isBetween(before - 0.05, before + 0.1);
    await("ready again").atMost(Duration.ofSeconds(30)).until(() -> status("/health/ready") == 200);
    // The display logs the zones that recovered together at its next periodic check, after the readings are back.
    await("the recovery logged").atMost(Duration.ofSeconds(10)).until(() -> logged().stream()
        .anyMatch(event -> event.getFormattedMessage().contains("readings are back")));

    await("the recovery is logged at the shard's next check").atMost(Duration.ofSeconds(30))
        .until(() -> lines().stream().anyMatch(line -> line.contains("zones (") && line.contains("readings are back")));

    service.close();
    vertx.close().await(30, TimeUnit.SECONDS);
    vertx = null;
    assertThat(lines()).as("per-zone lines are aggregated: %s", lines()).hasSizeLessThan(40)
        .anyMatch(line -> line.contains("zones (") && line.contains("heater forced off"));
  }

  private List<String> lines() {
    synchronized (log) { // the appender appends under its own lock
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** What was logged so far; the appender appends under its own lock. */
  private List<ILoggingEvent> logged() {
    synchronized (log) {
      return new ArrayList<>(log.list);
    }
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private List<JsonObject> states() throws Exception {
    return service.client.get("/api/zones").send().await(30, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("zones")
        .stream().map(JsonObject.class::cast).toList();
  }

  private JsonObject zone(String zone) throws Exception {
    return service.client.get("/api/zones/" + zone).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  private double temperature(String zone) throws Exception {
    return zone(zone).getDouble("temperature");
  }

  private int status(String path) throws Exception {
    return service.client.get(path).send().await(30, TimeUnit.SECONDS).statusCode();
  }
}
