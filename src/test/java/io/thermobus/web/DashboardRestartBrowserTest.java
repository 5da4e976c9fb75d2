package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.HeadlessChromium;
import io.thermobus.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * As a user would: the jar's {@code Main} in its own JVM, the printed URL opened in headless
 * Chromium; the service is stopped and started again on the same port (a new process, so a new bus
 * whose seqs start over and a new generated token): the page says it is offline, comes back by
 * itself, notices the bus restarted, and refuses to keep the old token.
 */
class DashboardRestartBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldComeBackByItselfAfterTheServiceRestartsAndDropTheOldToken(@TempDir Path data) throws Exception {
    HeadlessChromium.assumeInstalled();
    int port = freePort();
    Map<String, String> environment = Map.of("THERMOBUS_TIME_SCALE", "60", "THERMOBUS_DATA_DIR", data.toString());
    try (HeadlessChromium chromium = HeadlessChromium.launch(1280, 1000)) {
      ServiceProcess first = ServiceProcess.start(environment, "--port", String.valueOf(port));
      try (first) {
        chromium.driver.get(dashboardUrl(first));
        await().atMost(PATIENCE).until(() -> text(chromium, "connection-text").equals("Live")
            && number(chromium, "return window.thermobus.lastSeq || 0") > 50);
      }
      await().atMost(PATIENCE).until(() -> text(chromium, "connection-text").startsWith("Offline"));
      assertThat(chromium.driver.findElement(By.id("raise")).isEnabled()).as("no controls while offline").isFalse();
      String busBeforeRestart = (String) chromium.driver.executeScript("return window.thermobus.bus");

      try (ServiceProcess second = ServiceProcess.start(environment, "--port", String.valueOf(port))) {
        dashboardUrl(second);
        await().atMost(PATIENCE).until(() -> text(chromium, "connection-text").equals("Live"));
        await("the page follows the new bus").atMost(PATIENCE)
            .until(() -> !busBeforeRestart.equals(chromium.driver.executeScript("return window.thermobus.bus")));
        long seqOnNewBus = number(chromium, "return window.thermobus.lastSeq");
        await().atMost(PATIENCE).until(() -> number(chromium, "return window.thermobus.lastSeq") > seqOnNewBus + 20);
        assertThat(number(chromium, "return window.thermobus.gaps.length")).as("no gap counted across the restart").isZero();
        double before = desired(port);
        new Actions(chromium.driver).sendKeys(Keys.ARROW_UP).perform();
        await().atMost(PATIENCE).until(() -> text(chromium, "feedback").startsWith("The token was refused"));
        assertThat(text(chromium, "access-text")).startsWith("View only");
        assertThat(desired(port)).isEqualTo(before);
      }
    }
  }

  private static String dashboardUrl(ServiceProcess service) {
    return await().atMost(PATIENCE).until(() -> service.stdout.stream()
        .filter(line -> line.startsWith("Thermobus dashboard: ")).findFirst().map(line -> line.substring(21)).orElse(null),
        url -> url != null);
  }

  private double desired(int port) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/zones/home")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body()).getDouble("desired");
  }

  private static String text(HeadlessChromium chromium, String id) {
    return chromium.driver.findElement(By.id(id)).getText();
  }

  private static long number(HeadlessChromium chromium, String script) {
    return ((Number) chromium.driver.executeScript(script)).longValue();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
