package io.thermobus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on stderr of a separate JVM: readable lines by default, JSON lines on request, no stack traces for client errors. */
class LoggingProcessTest {

  private static final Pattern BASE_URL = Pattern.compile("Thermobus dashboard: (http://127\\.0\\.0\\.1:\\d+)/#token=\\S+");
  private static final Pattern TEXT_LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ - .*");

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void writesOneJsonObjectPerLineWithStateChangesAtDebugAndNoStackTraceForClientErrors() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("THERMOBUS_LOG_FORMAT", "json", "THERMOBUS_TOKEN", "process-token"),
        "--port", "0", "--time-scale", "240", "--log-level", "debug", "--data-dir", dataDir.toString())) {
      String base = baseUrl(service);
      await().atMost(Duration.ofSeconds(30)).until(() -> service.stderr.stream().anyMatch(line -> line.contains("heater on")));
      clientErrors(base);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      List<String> lines = List.copyOf(service.stderr);
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(isJsonObject(line)).as("a JSON object: %s", line).isTrue());
      List<JsonObject> events = lines.stream().map(JsonObject::new).toList();
      assertThat(events).allSatisfy(event -> assertThat(event.fieldNames()).contains("timestamp", "level", "loggerName", "formattedMessage"));
      assertThat(events).as("state changes at debug")
          .anySatisfy(event -> {
            assertThat(event.getString("level")).isEqualTo("DEBUG");
            assertThat(event.getString("loggerName")).isEqualTo(StateChangeLog.class.getName());
            assertThat(event.getString("formattedMessage")).startsWith("Zone home: temperature ");
          })
          .anySatisfy(event -> assertThat(event.getString("formattedMessage")).startsWith("Zone home: heater on at 20.90 °C"));
      assertThat(events).as("client errors are no failures of ours")
          .noneSatisfy(event -> assertThat(event.containsKey("throwable") && event.getValue("throwable") != null).isTrue())
          .noneSatisfy(event -> assertThat(event.getString("level")).isIn("WARN", "ERROR"));
    }
  }

  @Test
  void writesReadableLinesByDefault() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("THERMOBUS_TOKEN", "process-token"), "--port", "0", "--time-scale", "240", "--log-level", "debug", "--data-dir", dataDir.toString())) {
      String base = baseUrl(service);
      await().atMost(Duration.ofSeconds(30)).until(() -> service.stderr.stream().anyMatch(line -> line.contains("heater on")));
      clientErrors(base);
      assertThat(List.copyOf(service.stderr)).isNotEmpty()
          .allSatisfy(line -> assertThat(line).matches(TEXT_LINE))
          .anySatisfy(line -> assertThat(line).contains(" DEBUG ").contains("Zone home: desired 21.00 °C (from start)"))
          .noneSatisfy(line -> assertThat(line).containsAnyOf(" WARN ", " ERROR "));
    }
  }

  /** Malformed, unauthorised, unknown, wrong method, too large, not JSON: each answered, none logged as a failure. */
  private void clientErrors(String base) throws Exception {
    String desired = base + "/api/zones/home/desired";
    send(HttpRequest.newBuilder(URI.create(desired)).PUT(body("{\"celsius\": 22")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer process-token"), 400);
    send(HttpRequest.newBuilder(URI.create(desired)).PUT(body("{\"celsius\": 22}")).header("Content-Type", "application/json"), 401);
    send(HttpRequest.newBuilder(URI.create(base + "/api/zones/cellar")), 404);
    send(HttpRequest.newBuilder(URI.create(base + "/api/zones")).DELETE(), 405);
    send(HttpRequest.newBuilder(URI.create(desired)).PUT(body("x".repeat(1 << 20))).header("Content-Type", "application/json")
        .header("Authorization", "Bearer process-token"), 413);
    send(HttpRequest.newBuilder(URI.create(desired)).PUT(body("22")).header("Content-Type", "text/plain")
        .header("Authorization", "Bearer process-token"), 415);
    send(HttpRequest.newBuilder(URI.create(base + "/api/bus/subscriptions/7/events?max=x")), 400);
  }

  private void send(HttpRequest.Builder request, int status) throws Exception {
    assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(status);
  }

  private static HttpRequest.BodyPublisher body(String text) {
    return HttpRequest.BodyPublishers.ofString(text);
  }

  private static String baseUrl(ServiceProcess service) {
    await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(line -> BASE_URL.matcher(line).matches()));
    Matcher url = service.stdout.stream().map(BASE_URL::matcher).filter(Matcher::matches).findFirst().orElseThrow();
    return url.group(1);
  }

  private static boolean isJsonObject(String line) {
    try {
      new JsonObject(line);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }
}
