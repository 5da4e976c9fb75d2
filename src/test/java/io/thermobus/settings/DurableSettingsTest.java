package io.thermobus.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zone's settings survive a restart of the whole service; an unusable file never stops it from starting. */
class DurableSettingsTest {

  /** Saturday's switch only: the manual setpoint restored by leaving the preset holds until then. */
  private static final String SCHEDULE = "{\"entries\": [{\"days\": [\"sat\"], \"at\": \"08:00\", \"celsius\": 20.5}]}";

  @TempDir
  Path dataDir;

  @Test
  void shouldKeepTheDesiredTemperatureAcrossARestart() throws Exception {
    try (Started first = start()) {
      int status = first.service.client.put("/api/zones/home/desired")
          .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"celsius\": 23.45}")).await(10, TimeUnit.SECONDS).statusCode();
      assertThat(status).isEqualTo(200);
    }
    try (Started second = start()) {
      assertThat(second.desired()).isEqualTo(23.45);
    }
  }

  @Test
  void shouldKeepTheControlSettingsPresetsAndScheduleWithTheDesiredTemperatureAcrossARestart() throws Exception {
    try (Started first = start()) {
      assertThat(first.put("/api/zones/home/settings", "{\"controller\": \"tpi\", \"protections\": {\"minOnSeconds\": 120}}"))
          .isEqualTo(200);
      assertThat(first.put("/api/zones/home/desired", "{\"celsius\": 19.5}")).as("saving desired keeps the rest").isEqualTo(200);
      assertThat(first.put("/api/zones/home/presets", "{\"eco\": 16.5}")).isEqualTo(200);
      assertThat(first.put("/api/zones/home/preset", "{\"preset\": \"eco\"}")).isEqualTo(200);
      assertThat(first.put("/api/zones/home/schedule", SCHEDULE)).isEqualTo(200);
    }
    try (Started second = start()) {
      assertThat(second.desired()).as("the preset is in force").isEqualTo(16.5);
      assertThat(second.put("/api/zones/home/preset", "{\"preset\": null}")).isEqualTo(200);
      assertThat(second.desired()).as("the manual setpoint is back").isEqualTo(19.5);
      JsonObject settings = second.service.client.get("/api/zones/home/settings").send().await(10, TimeUnit.SECONDS)
          .bodyAsJsonObject();
      assertThat(settings.getString("controller")).isEqualTo("tpi");
      assertThat(settings.getJsonObject("protections").getLong("minOnSeconds")).isEqualTo(120);
      JsonObject schedule = second.service.client.get("/api/zones/home/schedule").send().await(10, TimeUnit.SECONDS)
          .bodyAsJsonObject();
      assertThat(schedule).isEqualTo(new JsonObject(SCHEDULE));
    }
  }

  @Test
  void shouldStartFromTheDefaultsAndKeepACorruptFileAside() throws Exception {
    Files.writeString(dataDir.resolve("zone-home.json"), "{\"version\": 1, \"desired\": 2");
    try (Started started = start()) {
      assertThat(started.desired()).isEqualTo(21.0);
    }
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("zone-home.json.corrupt-"));
    }
  }

  @Test
  void shouldIgnoreAStoredValueOutsideTheAllowedRange() throws Exception {
    Files.writeString(dataDir.resolve("zone-home.json"), "{\"version\": 1, \"desired\": 99.5}");
    try (Started started = start()) {
      assertThat(started.desired()).isEqualTo(21.0);
    }
  }

  private Started start() throws Exception {
    Vertx vertx = Vertx.vertx();
    return new Started(vertx, RunningService.start(vertx, new JsonObject().put("dataDir", dataDir.toString()).put("timeScale", 0.01)));
  }

  private record Started(Vertx vertx, RunningService service) implements AutoCloseable {

    int put(String path, String json) throws Exception {
      return service.client.put(path)
          .putHeader("Authorization", "Bearer " + RunningService.TOKEN)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(json)).await(10, TimeUnit.SECONDS).statusCode();
    }

    double desired() throws Exception {
      return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getDouble("desired");
    }

    @Override
    public void close() throws Exception {
      service.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
