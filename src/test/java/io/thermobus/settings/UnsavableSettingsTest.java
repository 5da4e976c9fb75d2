package io.thermobus.settings;

import static io.thermobus.testing.RunningService.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thermobus.input.InputVerticle;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.Topic;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting that cannot be saved is never confirmed: the write is refused with 503 and changes
 * nothing, in memory, on the bus or on disk, and readiness is down until saving works again.
 */
class UnsavableSettingsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path root;

  private final List<DesiredChanged> published = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private RunningService service;
  private WebSocketClient sockets;
  private Path mounted;

  @AfterEach
  void stop() throws Exception {
    stopService();
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  @Test
  void shouldRefuseWith503AndKeepTheSavedValueAcrossARestartWhenTheDataDirectoryIsReplacedByAFile() throws Exception {
    Path dataDir = root.resolve("data");
    startService(dataDir);
    assertThat(putDesired(23.45).statusCode()).isEqualTo(200);

    Path aside = root.resolve("data-aside");
    Files.move(dataDir, aside);
    Files.writeString(dataDir, "not a directory");

    HttpResponse<Buffer> refused = putDesired(25);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo(String.valueOf(InputVerticle.SAVE_RETRY.toSeconds()));
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("could not be saved").contains("not changed");
    assertThat(desired()).as("unchanged in memory").isEqualTo(23.45);

    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    ClientWebSocket socket = sockets.webSocket();
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(service.port()).setURI("/api/ws?topics=none"))
        .await(10, TimeUnit.SECONDS);
    socket.writeTextMessage(input("desired", "\"celsius\": 26, \"ref\": 1"));
    socket.writeTextMessage(input("key", "\"key\": \"ArrowUp\", \"ref\": 2"));
    await().atMost(PATIENCE).until(() -> frames.stream().filter(f -> "error".equals(f.getString("type"))).count() == 2);
    assertThat(frames).filteredOn(f -> "error".equals(f.getString("type")))
        .allSatisfy(error -> assertThat(error.getInteger("status")).isEqualTo(503));
    assertThat(desired()).as("unchanged by the socket's inputs").isEqualTo(23.45);
    assertThat(published).as("nothing published as if applied").extracting(DesiredChanged::centi).doesNotContain(2500, 2600, 2395);

    stopService();
    Files.delete(dataDir);
    Files.move(aside, dataDir);
    startService(dataDir);
    assertThat(desired()).as("the confirmed value survives the restart").isEqualTo(23.45);
  }

  @Test
  void shouldBeUnreadyWhileSettingsCannotBeSavedAndReadyOnceSavingWorksAgain() throws Exception {
    Path dataDir = root.resolve("data");
    startService(dataDir);
    JsonObject ready = service.awaitReadiness(200);
    assertThat(check(ready, "settings").getJsonObject("data").getMap()).containsEntry("cannotSave", 0).doesNotContainKey("notSaved");

    Path aside = root.resolve("data-aside");
    Files.move(dataDir, aside);
    Files.writeString(dataDir, "not a directory");
    assertThat(putDesired(25).statusCode()).isEqualTo(503);

    JsonObject down = service.awaitReadiness(503);
    assertThat(check(down, "settings").getString("status")).isEqualTo("DOWN");
    assertThat(check(down, "settings").getJsonObject("data").getInteger("cannotSave")).isEqualTo(1);
    assertThat(check(down, "settings").getJsonObject("data").getJsonObject("notSaved").getString("home")).startsWith("cannot save");

    Files.delete(dataDir);
    Files.move(aside, dataDir);
    JsonObject up = service.awaitReadiness(200);
    assertThat(check(up, "settings").getJsonObject("data").getMap()).as("saved again without a new request")
        .containsEntry("cannotSave", 0).doesNotContainKey("notSaved");
    assertThat(putDesired(25).statusCode()).isEqualTo(200);
    assertThat(desired()).isEqualTo(25.0);
  }

  @Test
  void shouldRefuseWith503AndKeepTheSavedValueAcrossARestartWhenTheDiskIsFull() throws Exception {
    Path disk = Files.createDirectory(root.resolve("tiny-disk"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", disk.toString()) == 0,
        "a full disk is simulated with a 16 KiB tmpfs, which needs mount privileges");
    mounted = disk;
    startService(disk);
    assertThat(putDesired(23.45).statusCode()).isEqualTo(200);

    Path filler = disk.resolve("filler");
    fill(filler);
    HttpResponse<Buffer> refused = putDesired(25);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo(String.valueOf(InputVerticle.SAVE_RETRY.toSeconds()));
    assertThat(desired()).isEqualTo(23.45);

    stopService();
    startService(disk);
    assertThat(desired()).as("the confirmed value survives the restart").isEqualTo(23.45);
    Files.delete(filler);
    assertThat(putDesired(25).statusCode()).as("space again").isEqualTo(200);
  }

  private void startService(Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("dataDir", dataDir.toString()).put("timeScale", 60));
    sockets = vertx.createWebSocketClient();
    vertx.eventBus().<DesiredChanged>consumer(Topic.DESIRED.address(), message -> published.add(message.body()));
  }

  private void stopService() throws Exception {
    if (service != null) {
      service.close();
      vertx.close().await(10, TimeUnit.SECONDS);
      service = null;
    }
  }

  private HttpResponse<Buffer> putDesired(double celsius) throws Exception {
    return service.send(HttpMethod.PUT, "/api/zones/home/desired", "Bearer " + RunningService.TOKEN, "application/json",
        "{\"celsius\": " + celsius + "}");
  }

  private double desired() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getDouble("desired");
  }

  private static String input(String type, String fields) {
    return "{\"type\": \"" + type + "\", \"zone\": \"home\", \"token\": \"" + RunningService.TOKEN + "\", " + fields + "}";
  }

  /** Writes until the file system has no space left. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1024; i++) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      return;
    }
    throw new AssertionError("the 16 KiB file system took 1 MiB");
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
