package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zones created and deleted at run time over REST, within the node's limit, and the time scale changed while running. */
class ZoneLifecycleTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final String JSON = "application/json";

  private Vertx vertx;
  private RunningService service;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 30).put("zones", "home,kitchen").put("maxZones", 3));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCreateAZoneWithItsOwnValuesThatThenRunsLikeAConfiguredOne() throws Exception {
    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/zones", BEARER,
        "{\"zone\": \"attic\", \"desired\": 19.5, \"initialTemperature\": 18.0}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/zones/attic");
    JsonObject state = created.bodyAsJsonObject();
    assertThat(state.getString("zone")).isEqualTo("attic");
    assertThat(state.getDouble("desired")).isEqualTo(19.5);
    assertThat(Files.readString(settingsOf("attic"))).as("the setting is durable before it is confirmed").contains("19.5");
    await("the new room heats towards its own setpoint").atMost(Duration.ofSeconds(30))
        .until(() -> zone("attic").getDouble("temperature") >= 19.5);
    assertThat(zoneNames()).containsExactly("home", "kitchen", "attic");
  }

  @Test
  void shouldHostACreatedZoneAgainAfterARestartAndNotADeletedOne() throws Exception {
    assertThat(send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"attic\", \"desired\": 19.5}").statusCode())
        .isEqualTo(201);
    assertThat(send(HttpMethod.DELETE, "/api/zones/kitchen", BEARER, null).statusCode()).isEqualTo(204);
    assertThat(send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"cellar\"}").statusCode()).isEqualTo(201);
    assertThat(send(HttpMethod.DELETE, "/api/zones/cellar", BEARER, null).statusCode()).isEqualTo(204);

    restartWithTheSameData();

    assertThat(zoneNames()).as("configured zones, then the created one that was not deleted")
        .containsExactly("home", "kitchen", "attic");
    assertThat(zone("attic").getDouble("desired")).isEqualTo(19.5);
  }

  @Test
  void shouldRefuseToStartOnAnUnreadableListOfCreatedZonesRatherThanDropThem() throws Exception {
    assertThat(send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"attic\"}").statusCode()).isEqualTo(201);
    Path list = service.config.dataDir().resolve("zones.json");
    Files.writeString(list, "{\"version\": 1, \"zones\": [{\"name\": \"Not A Zone\"");

    assertThatThrownBy(this::restartWithTheSameData).hasMessageContaining("zones.json");
  }

  private void restartWithTheSameData() throws Exception {
    JsonObject overrides = new JsonObject().put("timeScale", 30).put("zones", "home,kitchen").put("maxZones", 3)
        .put("dataDir", service.config.dataDir().toString());
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, overrides);
  }

  @Test
  void shouldRefuseADuplicateAndAZonePastTheLimitWithConflict() throws Exception {
    HttpResponse<Buffer> duplicate = send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"home\"}");
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.bodyAsJsonObject().getString("detail")).contains("exists already");

    assertThat(send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"attic\"}").statusCode()).isEqualTo(201);
    HttpResponse<Buffer> full = send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"cellar\"}");
    assertThat(full.statusCode()).isEqualTo(409);
    assertThat(full.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(full.bodyAsJsonObject().getString("detail")).contains("limit (maxZones)");
    assertThat(zoneNames()).containsExactly("home", "kitchen", "attic");
  }

  @Test
  void shouldDeleteAZoneWithItsSettingsFileAndKeepItsEventsInTheBusHistory() throws Exception {
    assertThat(send(HttpMethod.PUT, "/api/zones/kitchen/desired", BEARER, "{\"celsius\": 22}").statusCode()).isEqualTo(200);
    assertThat(settingsOf("kitchen")).exists();
    assertThat(send(HttpMethod.DELETE, "/api/zones/kitchen", null, null).statusCode()).as("no token").isEqualTo(401);

    HttpResponse<Buffer> deleted = send(HttpMethod.DELETE, "/api/zones/kitchen", BEARER, null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(settingsOf("kitchen")).doesNotExist();
    assertThat(send(HttpMethod.GET, "/api/zones/kitchen", null, null).statusCode()).isEqualTo(404);
    assertThat(send(HttpMethod.DELETE, "/api/zones/kitchen", BEARER, null).statusCode()).isEqualTo(404);
    assertThat(zoneNames()).containsExactly("home");
    JsonArray history = busHistory("kitchen");
    assertThat(history).as("its events stay in the bus's history").isNotEmpty();

    assertThat(send(HttpMethod.POST, "/api/zones", BEARER, "{\"zone\": \"kitchen\"}").statusCode())
        .as("the name is free again").isEqualTo(201);
    assertThat(zone("kitchen").getDouble("desired")).as("a new zone, not the old setting").isEqualTo(21.0);
  }

  @Test
  void shouldChangeTheTimeScaleWhileRunningWithoutAJumpInSimulatedTime() throws Exception {
    assertThat(simulation().getDouble("timeScale")).isEqualTo(30.0);
    await().atMost(Duration.ofSeconds(20)).until(() -> simulation().getDouble("simulatedSeconds") >= 60);
    double before = simulation().getDouble("simulatedSeconds");
    long wallBefore = System.nanoTime();

    HttpResponse<Buffer> changed = send(HttpMethod.PUT, "/api/simulation", BEARER, "{\"timeScale\": 1}");
    double after = simulation().getDouble("simulatedSeconds");
    double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;

    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getDouble("timeScale")).isEqualTo(1.0);
    assertThat(after).as("simulated time goes on from where it stood").isGreaterThanOrEqualTo(before)
        .isLessThanOrEqualTo(before + 30 * wallSeconds + 0.001);
    assertThat(send(HttpMethod.PUT, "/api/simulation", null, "{\"timeScale\": 2}").statusCode()).isEqualTo(401);
    assertThat(simulation().getDouble("timeScale")).isEqualTo(1.0);
  }

  private Path settingsOf(String zone) {
    return service.config.dataDir().resolve("zone-" + zone + ".json");
  }

  private JsonArray busHistory(String zone) throws Exception {
    JsonObject subscription = send(HttpMethod.POST, "/api/bus/subscriptions", null, "{\"from\": \"earliest\"}").bodyAsJsonObject();
    JsonArray events = send(HttpMethod.GET, "/api/bus/subscriptions/" + subscription.getLong("id") + "/events?max=1000",
        "Bearer " + subscription.getString("secret"), null)
        .bodyAsJsonObject().getJsonArray("events");
    return new JsonArray(events.stream().filter(e -> zone.equals(((JsonObject) e).getString("zone"))).toList());
  }

  private List<String> zoneNames() throws Exception {
    return send(HttpMethod.GET, "/api/zones", null, null).bodyAsJsonObject().getJsonArray("zones").stream()
        .map(z -> ((JsonObject) z).getString("zone")).toList();
  }

  private JsonObject zone(String zone) throws Exception {
    return send(HttpMethod.GET, "/api/zones/" + zone, null, null).bodyAsJsonObject();
  }

  private JsonObject simulation() throws Exception {
    return send(HttpMethod.GET, "/api/simulation", null, null).bodyAsJsonObject();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String body) throws Exception {
    return service.send(method, path, authorization, body == null ? null : JSON, body);
  }
}
