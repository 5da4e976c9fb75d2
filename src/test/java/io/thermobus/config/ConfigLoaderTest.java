package io.thermobus.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void laterSourcesOverrideEarlierOnes(Vertx vertx, VertxTestContext test) throws Exception {
    Path file = Files.writeString(dir.resolve("thermobus.yaml"), "port: 9001\ntimeScale: 5\nhost: 0.0.0.0\nzones: [home, attic]\n");
    ConfigLoader.Sources sources = new ConfigLoader.Sources(file,
        Map.of("THERMOBUS_TIME_SCALE", "10", "THERMOBUS_PORT", "9002", "UNRELATED", "x"),
        Map.of("thermobus.port", "9003"),
        Map.of("timeScale", "20"));
    ConfigLoader.load(vertx, sources).onComplete(test.succeeding(config -> test.verify(() -> {
      assertThat(config.host()).as("file over default").isEqualTo("0.0.0.0");
      assertThat(config.zones()).extracting(ZoneSpec::name).containsExactly("home", "attic");
      assertThat(config.port()).as("system property over environment").isEqualTo(9003);
      assertThat(config.timeScale()).as("flag over everything").isEqualTo(20.0);
      assertThat(config.desiredRange().minCenti()).as("default").isEqualTo(500);
      test.completeNow();
    })));
  }

  @Test
  void readsJsonFilesToo(Vertx vertx, VertxTestContext test) throws Exception {
    Path file = Files.writeString(dir.resolve("thermobus.json"), "{\"port\": 0, \"token\": \"from-file\"}");
    ConfigLoader.load(vertx, new ConfigLoader.Sources(file, Map.of(), Map.of(), Map.of()))
        .onComplete(test.succeeding(config -> test.verify(() -> {
          assertThat(config.port()).isZero();
          assertThat(config.token()).isEqualTo("from-file");
          assertThat(config.tokenGenerated()).isFalse();
          test.completeNow();
        })));
  }

  @Test
  void aMissingFileIsAClearError(Vertx vertx, VertxTestContext test) {
    ConfigLoader.load(vertx, new ConfigLoader.Sources(dir.resolve("nope.yaml"), Map.of(), Map.of(), Map.of()))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
          test.completeNow();
        })));
  }

  @Test
  void aMalformedFileIsAClearError(Vertx vertx, VertxTestContext test) throws Exception {
    Path file = Files.writeString(dir.resolve("broken.json"), "{\"port\": ");
    ConfigLoader.load(vertx, new ConfigLoader.Sources(file, Map.of(), Map.of(), Map.of()))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(ConfigException.class).hasMessageContaining("broken.json").hasMessageContaining("JSON");
          test.completeNow();
        })));
  }

  @Test
  void aDataDirectoryThatIsAFileIsAClearError(Vertx vertx, VertxTestContext test) throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "a regular file");
    ConfigLoader.load(vertx, new ConfigLoader.Sources(null, Map.of("THERMOBUS_DATA_DIR", file.toString()), Map.of(), Map.of()))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(ConfigException.class)
              .hasMessageStartingWith("dataDir (THERMOBUS_DATA_DIR, --data-dir): cannot create or write the directory " + file)
              .hasMessageContaining("not a directory");
          test.completeNow();
        })));
  }

  @Test
  void aDataDirectoryIsCreatedWhenMissing(Vertx vertx, VertxTestContext test) {
    Path missing = dir.resolve("new").resolve("data");
    ConfigLoader.load(vertx, new ConfigLoader.Sources(null, Map.of("THERMOBUS_DATA_DIR", missing.toString()), Map.of(), Map.of()))
        .onComplete(test.succeeding(config -> test.verify(() -> {
          assertThat(missing).isDirectory().isEmptyDirectory();
          test.completeNow();
        })));
  }
}
