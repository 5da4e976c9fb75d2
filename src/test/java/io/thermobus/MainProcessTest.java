package io.thermobus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it, in a separate JVM. */
class MainProcessTest {

  private static final Pattern DASHBOARD = Pattern.compile("Thermobus dashboard: (http://127\\.0\\.0\\.1:(\\d+))/#token=(\\S+)");

  @Test
  void startsOnAFreePortAndPrintsTheDashboardUrlAndToken() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("THERMOBUS_TOKEN", "process-token"), "--port", "0")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(l -> l.startsWith("Thermobus token:")));
      Matcher url = service.stdout.stream().map(DASHBOARD::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      assertThat(url.group(3)).isEqualTo("process-token");
      assertThat(service.stdout).contains("Thermobus token: process-token");
      HttpResponse<String> live = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url.group(1) + "/health/live")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void generatesATokenWhenNoneIsConfigured() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--port", "0")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(l -> l.startsWith("Thermobus token:")));
      String token = service.stdout.stream().filter(l -> l.startsWith("Thermobus token: ")).findFirst().orElseThrow().substring(17);
      assertThat(token).hasSizeGreaterThanOrEqualTo(32);
    }
  }

  @Test
  void exitsWithStatusTwoNamingTheKeyOnBadConfiguration() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of("THERMOBUS_TIME_SCALE", "fast"), "--port", "0")) {
      assertThat(service.waitForExit(60)).isEqualTo(2);
      assertThat(service.allOutput()).contains("timeScale (THERMOBUS_TIME_SCALE, --time-scale): must be a number, got 'fast'");
    }
  }

  @Test
  void exitsWithStatusTwoOnAnUnknownFlag() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--colour", "blue")) {
      assertThat(service.waitForExit(60)).isEqualTo(2);
      assertThat(service.allOutput()).contains("--colour").contains("--help");
    }
  }

  @Test
  void busDemoReplaysTheChaptersExample() throws Exception {
    try (ServiceProcess demo = ServiceProcess.start(Map.of(), "bus-demo")) {
      assertThat(demo.waitForExit(60)).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> demo.stdout.size() >= 8);
      assertThat(demo.stdout.subList(0, 6)).containsExactlyInAnyOrder(
          "id: 0 value: 1.0", "id: 0 value: 2.0", "id: 0 value: 3.0",
          "id: 1 value: 1.0", "id: 1 value: 2.0", "id: 1 value: 3.0");
      assertThat(demo.stdout.stream().filter(line -> line.startsWith("id: 0"))).containsExactly(
          "id: 0 value: 1.0", "id: 0 value: 2.0", "id: 0 value: 3.0");
      assertThat(demo.stdout.subList(6, 8)).containsExactly("{0: [], 1: []}", "{}");
    }
  }

  @Test
  void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--help")) {
      assertThat(service.waitForExit(60)).isZero();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(service.allOutput())
          .contains("--port=PORT").contains("THERMOBUS_PORT").contains("default 8080")
          .contains("--bus-sweep-ms").contains("THERMOBUS_BUS_SWEEP_MS").contains("--conf=FILE").contains("--version"));
    }
  }
}
