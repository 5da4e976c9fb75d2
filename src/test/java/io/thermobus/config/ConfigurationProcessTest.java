package io.thermobus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration as an operator meets it: the jar's JVM with a file, the environment and flags mixed. */
class ConfigurationProcessTest {

  private static final Pattern DASHBOARD = Pattern.compile("Thermobus dashboard: (http://127\\.0\\.0\\.1:\\d+)/#token=(\\S+)");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theEnvironmentOverridesTheFileAndFlagsOverrideBoth() throws Exception {
    Path file = Files.writeString(dir.resolve("thermobus.yaml"), String.join("\n",
        "port: 1", "token: from-file", "zones: [home, attic]", "desiredMax: 30", "timeScale: 0.01", ""));
    Map<String, String> environment = Map.of(
        "THERMOBUS_TOKEN", "from-env", "THERMOBUS_ZONES", "home,cellar", "THERMOBUS_DESIRED_MAX", "28");
    try (ServiceProcess service = ServiceProcess.start(environment,
        "--conf", file.toString(), "--port", "0", "--desired-max", "25", "--data-dir", dir.resolve("data").toString())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.stdout.stream().anyMatch(l -> DASHBOARD.matcher(l).matches()));
      Matcher banner = service.stdout.stream().map(DASHBOARD::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      String base = banner.group(1);
      assertThat(banner.group(2)).as("environment over file").isEqualTo("from-env");
      assertThat(base).as("--port 0 over the file's port 1").doesNotEndWith(":1");

      JsonObject zones = new JsonObject(get(base + "/api/zones").body());
      assertThat(zones.getJsonArray("zones").stream().map(zone -> ((JsonObject) zone).getString("zone")))
          .as("environment over file").containsExactly("home", "cellar");
      assertThat(putDesired(base, "from-env", 25.5).statusCode()).as("flag's 25 over the environment's 28 and the file's 30").isEqualTo(400);
      assertThat(putDesired(base, "from-env", 25).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aBadValueAnywhereExitsWithStatusTwoNamingTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("thermobus.json"), "{\"logFormat\": \"xml\"}");
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--conf", file.toString(), "--port", "0")) {
      assertThat(service.waitForExit(60)).isEqualTo(2);
      assertThat(service.allOutput()).contains("logFormat (THERMOBUS_LOG_FORMAT, --log-format): must be one of text, json, got 'xml'");
    }
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedExitsWithStatusTwoNamingTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "a regular file");
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--port", "0", "--data-dir", file.resolve("data").toString())) {
      assertThat(service.waitForExit(60)).isEqualTo(2);
      assertThat(service.allOutput()).contains("dataDir (THERMOBUS_DATA_DIR, --data-dir): cannot create or write the directory");
    }
  }

  @Test
  void helpListsEveryOptionWithItsFlagEnvironmentVariableAndDefault() throws Exception {
    try (ServiceProcess service = ServiceProcess.start(Map.of(), "--help")) {
      assertThat(service.waitForExit(60)).isZero();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        String help = service.allOutput().replaceAll("\\s+", " ");
        for (ConfigOption option : ConfigOption.values()) {
          assertThat(help).contains(option.flag() + (option.isSwitch() ? "[=" : "=")).contains("[env " + option.environmentVariable()
              + (option.defaultValue() == null ? "]" : ", default " + option.defaultValue() + "]"));
        }
      });
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> putDesired(String base, String token, double celsius) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/zones/home/desired"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"celsius\": " + celsius + "}"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
