package io.thermobus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.settings.SettingsFile;
import io.thermobus.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the service in its own JVM: a clean stop, exit status 0 within 5 s, nothing lost, sockets told. */
class ShutdownProcessTest {

  private static final Pattern DASHBOARD = Pattern.compile("Thermobus dashboard: (http://127\\.0\\.0\\.1:\\d+)/#token=\\S+");

  @TempDir
  Path dataDir;

  @Test
  void shouldExitWithStatusZeroWithinFiveSecondsOfSigtermKeepingTheLastSetting() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(
        Map.of("THERMOBUS_TOKEN", "stop-token", "THERMOBUS_DATA_DIR", dataDir.toString()), "--port", "0")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(l -> DASHBOARD.matcher(l).matches()));
      Matcher url = service.stdout.stream().map(DASHBOARD::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/api/zones/home/desired"))
              .header("Authorization", "Bearer stop-token").header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString("{\"celsius\": 24.75}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
      CompletableFuture<Integer> closeCode = new CompletableFuture<>();
      CompletableFuture<Void> firstFrame = new CompletableFuture<>();
      WebSocket socket = http.newWebSocketBuilder()
          .buildAsync(URI.create(url.group(1).replace("http://", "ws://") + "/api/ws"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              firstFrame.complete(null);
              webSocket.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
              closeCode.complete(statusCode);
              return null;
            }
          })
          .get(30, TimeUnit.SECONDS);
      firstFrame.get(30, TimeUnit.SECONDS);

      long signalled = System.nanoTime();
      // Process.destroy() would also close our ends of its output pipes; the handle only signals.
      assertThat(service.process.toHandle().destroy()).as("SIGTERM sent").isTrue();
      assertThat(service.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - signalled);

      assertThat(service.process.exitValue()).as(service.allOutput()).isZero();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(closeCode.get(10, TimeUnit.SECONDS)).as("the WebSocket is closed as 'going away'").isEqualTo(1001);
      assertThat(socket.isInputClosed()).isTrue();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(service.allOutput())
          .contains("SIGTERM received").contains("thermobus: stopped").doesNotContain("Exception"));
      assertThat(new SettingsFile(dataDir, "home").read().orElseThrow().desired()).isEqualByComparingTo("24.75");
    }
  }

  @Test
  void shouldLogTheTokenOnlyOnTheStartLines() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(
        Map.of("THERMOBUS_TOKEN", "secret-token-to-hide", "THERMOBUS_DATA_DIR", dataDir.toString()), "--port", "0")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(l -> DASHBOARD.matcher(l).matches()));
      Matcher url = service.stdout.stream().map(DASHBOARD::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      HttpClient http = HttpClient.newHttpClient();
      for (String token : new String[] {"secret-token-to-hide", "wrong"}) {
        http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/api/zones/home/desired"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"celsius\": \"bad\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      service.process.toHandle().destroy();
      assertThat(service.waitForExit(10)).isZero();
      long lines = service.allOutput().lines().filter(line -> line.contains("secret-token-to-hide")).count();
      assertThat(lines).as("the dashboard URL and the token line, nothing else").isEqualTo(2);
    }
  }
}
