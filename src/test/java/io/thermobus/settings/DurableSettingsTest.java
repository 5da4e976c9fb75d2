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

/** Desired temperatures survive a restart of the whole service; an unusable file never stops it from starting. */
class DurableSettingsTest {

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
