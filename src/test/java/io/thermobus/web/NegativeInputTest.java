package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every route: each answer is the expected 4xx as problem+json, and neither a zone,
 * the saved settings, nor the bus changed.
 */
class NegativeInputTest {

  private static final String JSON = "application/json";
  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static final String DESIRED = "/api/zones/home/desired";
  private static final String ZONES = "/api/zones";
  private static final String SETTINGS = "/api/zones/home/settings";
  private static final String SIMULATION = "/api/simulation";
  private static final String SUBSCRIPTIONS = "/api/bus/subscriptions";
  private static final String PUBLISH = "/api/bus/events";
  private static final String EXPERIMENTS = "/api/experiments";
  private static final String SCENARIO = "{\"name\": \"n\", \"duration\": \"PT1H\", \"controllers\": [{\"controller\": \"onoff\"}]}";
  private static final String MEBIBYTE = "{\"celsius\": 21, \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";

  private static Vertx vertx;
  private static RunningService service;
  private static long subscription;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 0.01));
    subscription = send(HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{}").bodyAsJsonObject().getLong("id");
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static Stream<Arguments> badInput() {
    String events = "/api/bus/subscriptions/" + subscription + "/events";
    return Stream.of(
        // PUT /api/zones/{zone}/desired
        bad("malformed JSON", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": 2", 400),
        bad("not JSON at all", HttpMethod.PUT, DESIRED, BEARER, JSON, "celsius=22", 400),
        bad("empty body", HttpMethod.PUT, DESIRED, BEARER, JSON, "", 400),
        bad("JSON null", HttpMethod.PUT, DESIRED, BEARER, JSON, "null", 400),
        bad("JSON string", HttpMethod.PUT, DESIRED, BEARER, JSON, "\"22\"", 400),
        bad("celsius as string", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": \"22\"}", 400),
        bad("celsius as object", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": {\"value\": 22}}", 400),
        bad("celsius as array", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": [22]}", 400),
        bad("NaN", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": NaN}", 400),
        bad("Infinity", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": Infinity}", 400),
        bad("-Infinity", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": -Infinity}", 400),
        bad("overflowing double", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": 1e309}", 400),
        bad("huge exponent", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": 1e999999999}", 400),
        bad("huge integer", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": " + "9".repeat(400) + "}", 400),
        bad("tiny fraction", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": 1e-999999999}", 400),
        bad("negative out of range", HttpMethod.PUT, DESIRED, BEARER, JSON, "{\"celsius\": -273.15}", 400),
        bad("missing field", HttpMethod.PUT, DESIRED, BEARER, JSON, "{}", 400),
        bad("1 MiB body", HttpMethod.PUT, DESIRED, BEARER, JSON, MEBIBYTE, 413),
        bad("text content type", HttpMethod.PUT, DESIRED, BEARER, "text/plain", "{\"celsius\": 22}", 415),
        bad("form content type", HttpMethod.PUT, DESIRED, BEARER, "application/x-www-form-urlencoded", "celsius=22", 415),
        bad("no token", HttpMethod.PUT, DESIRED, null, JSON, "{\"celsius\": 22}", 401),
        bad("empty bearer", HttpMethod.PUT, DESIRED, "Bearer ", JSON, "{\"celsius\": 22}", 401),
        bad("token prefix", HttpMethod.PUT, DESIRED, BEARER.substring(0, BEARER.length() - 1), JSON, "{\"celsius\": 22}", 401),
        bad("token with suffix", HttpMethod.PUT, DESIRED, BEARER + "x", JSON, "{\"celsius\": 22}", 401),
        bad("unknown zone", HttpMethod.PUT, "/api/zones/attic/desired", BEARER, JSON, "{\"celsius\": 22}", 404),
        bad("zone name too long", HttpMethod.PUT, "/api/zones/" + "a".repeat(40) + "/desired", BEARER, JSON, "{\"celsius\": 22}", 404),
        // GET, PUT /api/zones/{zone}/settings
        bad("settings malformed", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"controller\": ", 400),
        bad("settings empty body", HttpMethod.PUT, SETTINGS, BEARER, JSON, "", 400),
        bad("settings JSON array", HttpMethod.PUT, SETTINGS, BEARER, JSON, "[]", 400),
        bad("settings unknown controller", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"controller\": \"bangbang\"}", 400),
        bad("settings unknown field", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"colour\": 1}", 400),
        bad("settings tolerance out of range", HttpMethod.PUT, SETTINGS, BEARER, JSON,
            "{\"controller\": \"hysteresis\", \"hysteresis\": {\"coldTolerance\": 9}}", 400),
        bad("settings tolerance NaN", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"hysteresis\": {\"coldTolerance\": NaN}}", 400),
        bad("settings negative minimum on time", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"protections\": {\"minOnSeconds\": -1}}", 400),
        bad("settings max on below min on", HttpMethod.PUT, SETTINGS, BEARER, JSON,
            "{\"protections\": {\"minOnSeconds\": 600, \"maxOnSeconds\": 60}}", 400),
        bad("settings delay as text", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"actuatorDelaySeconds\": \"soon\"}", 400),
        bad("settings delay too long", HttpMethod.PUT, SETTINGS, BEARER, JSON, "{\"actuatorDelaySeconds\": 99999}", 400),
        bad("settings without a token", HttpMethod.PUT, SETTINGS, null, JSON, "{\"controller\": \"tpi\"}", 401),
        bad("settings with a wrong token", HttpMethod.PUT, SETTINGS, "Bearer nope", JSON, "{\"controller\": \"tpi\"}", 401),
        bad("settings of an unknown zone", HttpMethod.PUT, "/api/zones/attic/settings", BEARER, JSON, "{\"controller\": \"tpi\"}", 404),
        bad("settings read of an unknown zone", HttpMethod.GET, "/api/zones/attic/settings", null, null, null, 404),
        bad("settings as text", HttpMethod.PUT, SETTINGS, BEARER, "text/plain", "{\"controller\": \"tpi\"}", 415),
        bad("settings 1 MiB", HttpMethod.PUT, SETTINGS, BEARER, JSON, MEBIBYTE, 413),
        // PUT /api/zones/{zone}/preset, presets, schedule
        bad("preset unknown", HttpMethod.PUT, "/api/zones/home/preset", BEARER, JSON, "{\"preset\": \"tropical\"}", 400),
        bad("preset missing", HttpMethod.PUT, "/api/zones/home/preset", BEARER, JSON, "{}", 400),
        bad("preset a number", HttpMethod.PUT, "/api/zones/home/preset", BEARER, JSON, "{\"preset\": 3}", 400),
        bad("preset without a token", HttpMethod.PUT, "/api/zones/home/preset", null, JSON, "{\"preset\": \"eco\"}", 401),
        bad("preset of an unknown zone", HttpMethod.PUT, "/api/zones/attic/preset", BEARER, JSON, "{\"preset\": \"eco\"}", 404),
        bad("preset as text", HttpMethod.PUT, "/api/zones/home/preset", BEARER, "text/plain", "eco", 415),
        bad("preset 1 MiB", HttpMethod.PUT, "/api/zones/home/preset", BEARER, JSON, MEBIBYTE, 413),
        bad("presets out of range", HttpMethod.PUT, "/api/zones/home/presets", BEARER, JSON, "{\"eco\": 99}", 400),
        bad("presets NaN", HttpMethod.PUT, "/api/zones/home/presets", BEARER, JSON, "{\"frost\": NaN}", 400),
        bad("presets as text", HttpMethod.PUT, "/api/zones/home/presets", BEARER, JSON, "{\"eco\": \"cool\"}", 400),
        bad("presets unknown field", HttpMethod.PUT, "/api/zones/home/presets", BEARER, JSON, "{\"tropical\": 30}", 400),
        bad("presets without a token", HttpMethod.PUT, "/api/zones/home/presets", null, JSON, "{\"eco\": 16}", 401),
        bad("presets of an unknown zone", HttpMethod.GET, "/api/zones/attic/presets", null, null, null, 404),
        bad("schedule time not HH:MM", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON,
            "{\"entries\": [{\"at\": \"25:00\", \"celsius\": 20}]}", 400),
        bad("schedule unknown day", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON,
            "{\"entries\": [{\"days\": [\"someday\"], \"at\": \"07:00\", \"celsius\": 20}]}", 400),
        bad("schedule both preset and celsius", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON,
            "{\"entries\": [{\"at\": \"07:00\", \"celsius\": 20, \"preset\": \"eco\"}]}", 400),
        bad("schedule two entries at one time", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON,
            "{\"entries\": [{\"at\": \"07:00\", \"celsius\": 20}, {\"at\": \"07:00\", \"celsius\": 21}]}", 400),
        bad("schedule celsius out of range", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON,
            "{\"entries\": [{\"at\": \"07:00\", \"celsius\": 80}]}", 400),
        bad("schedule entries not a list", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, JSON, "{\"entries\": 3}", 400),
        bad("schedule without a token", HttpMethod.PUT, "/api/zones/home/schedule", null, JSON, "{\"entries\": []}", 401),
        bad("schedule of an unknown zone", HttpMethod.PUT, "/api/zones/attic/schedule", BEARER, JSON, "{\"entries\": []}", 404),
        bad("schedule as text", HttpMethod.PUT, "/api/zones/home/schedule", BEARER, "text/plain", "{}", 415),
        // POST /api/zones/{zone}/window
        bad("window open missing", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{}", 400),
        bad("window open a string", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{\"open\": \"yes\"}", 400),
        bad("window seconds zero", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{\"open\": true, \"seconds\": 0}", 400),
        bad("window seconds fractional", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{\"open\": true, \"seconds\": 1.5}", 400),
        bad("window seconds beyond a day", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{\"open\": true, \"seconds\": 86401}", 400),
        bad("window seconds huge", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, "{\"open\": true, \"seconds\": 1e400}", 400),
        bad("window without a token", HttpMethod.POST, "/api/zones/home/window", null, JSON, "{\"open\": true}", 401),
        bad("window of an unknown zone", HttpMethod.POST, "/api/zones/attic/window", BEARER, JSON, "{\"open\": true}", 404),
        bad("window as text", HttpMethod.POST, "/api/zones/home/window", BEARER, "text/plain", "open", 415),
        bad("window 1 MiB", HttpMethod.POST, "/api/zones/home/window", BEARER, JSON, MEBIBYTE, 413),
        // GET /api/zones/{zone}/analytics
        bad("analytics of an unknown zone", HttpMethod.GET, "/api/zones/attic/analytics", null, null, null, 404),
        bad("analytics seconds zero", HttpMethod.GET, "/api/zones/home/analytics?seconds=0", null, null, null, 400),
        bad("analytics seconds beyond a week", HttpMethod.GET, "/api/zones/home/analytics?seconds=604801", null, null, null, 400),
        bad("analytics seconds not a number", HttpMethod.GET, "/api/zones/home/analytics?seconds=abc", null, null, null, 400),
        bad("analytics seconds twice", HttpMethod.GET, "/api/zones/home/analytics?seconds=1&seconds=2", null, null, null, 400),
        bad("analytics seconds overflowing", HttpMethod.GET, "/api/zones/home/analytics?seconds=" + "9".repeat(30), null, null, null, 400),
        // GET /api/zones/{zone}
        bad("unknown zone read", HttpMethod.GET, "/api/zones/attic", null, null, null, 404),
        bad("encoded traversal as zone", HttpMethod.GET, "/api/zones/..%2f..%2fetc%2fpasswd", null, null, null, 404),
        bad("unicode zone", HttpMethod.GET, "/api/zones/%E2%98%83", null, null, null, 404),
        // POST /api/zones, DELETE /api/zones/{zone}
        bad("create without a token", HttpMethod.POST, ZONES, null, JSON, "{\"zone\": \"attic\"}", 401),
        bad("create with a wrong token", HttpMethod.POST, ZONES, "Bearer nope", JSON, "{\"zone\": \"attic\"}", 401),
        bad("create malformed", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": ", 400),
        bad("create without a name", HttpMethod.POST, ZONES, BEARER, JSON, "{\"desired\": 20}", 400),
        bad("create with a bad name", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"Attic Room\"}", 400),
        bad("create with a name too long", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"" + "a".repeat(40) + "\"}", 400),
        bad("create with a name not a string", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": 7}", 400),
        bad("create with desired out of range", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"desired\": 99}", 400),
        bad("create with a source not an object", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"source\": \"mqtt\"}", 400),
        bad("create with a source of no type", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"source\": {}}", 400),
        bad("create on mqtt without a broker", HttpMethod.POST, ZONES, BEARER, JSON,
            "{\"zone\": \"attic\", \"source\": {\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\"}}", 400),
        bad("create with desired as string", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"desired\": \"20\"}", 400),
        bad("create with initial temperature NaN", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"initialTemperature\": NaN}", 400),
        bad("create with initial temperature huge", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"initialTemperature\": 1e400}", 400),
        bad("create with initial temperature out of range", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"attic\", \"initialTemperature\": -300}", 400),
        bad("create an existing zone", HttpMethod.POST, ZONES, BEARER, JSON, "{\"zone\": \"home\"}", 409),
        bad("create as text", HttpMethod.POST, ZONES, BEARER, "text/plain", "{\"zone\": \"attic\"}", 415),
        bad("create 1 MiB", HttpMethod.POST, ZONES, BEARER, JSON, MEBIBYTE, 413),
        bad("delete without a token", HttpMethod.DELETE, "/api/zones/home", null, null, null, 401),
        bad("delete with a wrong token", HttpMethod.DELETE, "/api/zones/home", "Bearer nope", null, null, 401),
        bad("delete an unknown zone", HttpMethod.DELETE, "/api/zones/attic", BEARER, null, null, 404),
        bad("delete a bad name", HttpMethod.DELETE, "/api/zones/%E2%98%83", BEARER, null, null, 404),
        // PUT /api/simulation
        bad("time scale without a token", HttpMethod.PUT, SIMULATION, null, JSON, "{\"timeScale\": 60}", 401),
        bad("time scale zero", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{\"timeScale\": 0}", 400),
        bad("time scale negative", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{\"timeScale\": -1}", 400),
        bad("time scale too fast", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{\"timeScale\": 1e9}", 400),
        bad("time scale NaN", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{\"timeScale\": NaN}", 400),
        bad("time scale as string", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{\"timeScale\": \"60\"}", 400),
        bad("time scale missing", HttpMethod.PUT, SIMULATION, BEARER, JSON, "{}", 400),
        bad("time scale as text", HttpMethod.PUT, SIMULATION, BEARER, "text/plain", "{\"timeScale\": 60}", 415),
        // bus: subscribe, drain, unsubscribe, publish
        bad("subscribe malformed", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"topics\": [", 400),
        bad("subscribe topics not a list", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"topics\": \"temperature\"}", 400),
        bad("subscribe from NaN", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"from\": NaN}", 400),
        bad("subscribe from huge", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"from\": 1e400}", 400),
        bad("subscribe wrong content type", HttpMethod.POST, SUBSCRIPTIONS, null, "text/plain", "{}", 415),
        bad("subscribe 1 MiB", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, MEBIBYTE, 413),
        bad("drain unknown id", HttpMethod.GET, "/api/bus/subscriptions/999999999/events", null, null, null, 404),
        bad("drain id not a number", HttpMethod.GET, "/api/bus/subscriptions/abc/events", null, null, null, 404),
        bad("drain id overflowing", HttpMethod.GET, "/api/bus/subscriptions/" + "9".repeat(30) + "/events", null, null, null, 404),
        bad("drain max text", HttpMethod.GET, events + "?max=abc", null, null, null, 400),
        bad("drain max negative", HttpMethod.GET, events + "?max=-1", null, null, null, 400),
        bad("drain max huge", HttpMethod.GET, events + "?max=99999999999999", null, null, null, 400),
        bad("drain wait negative", HttpMethod.GET, events + "?waitMs=-5", null, null, null, 400),
        bad("drain wait beyond the limit", HttpMethod.GET, events + "?waitMs=999999999", null, null, null, 400),
        bad("unsubscribe not a number", HttpMethod.DELETE, "/api/bus/subscriptions/abc", null, null, null, 404),
        bad("drain without its secret", HttpMethod.GET, events, null, null, null, 401),
        bad("drain with a guessed secret", HttpMethod.GET, events, "Bearer 0123456789abcdef", null, null, 401),
        bad("unsubscribe without its secret", HttpMethod.DELETE, "/api/bus/subscriptions/" + subscription, null, null, null, 401),
        bad("unsubscribe with a wrong token", HttpMethod.DELETE, "/api/bus/subscriptions/" + subscription, BEARER + "x", null, null, 401),
        bad("subscribe from past the head", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"from\": 999999999999}", 400),
        bad("subscribe to 33 topics", HttpMethod.POST, SUBSCRIPTIONS, null, JSON, "{\"topics\": [" + "\"t\",".repeat(32) + "\"t\"]}", 400),
        bad("stream of 33 topics", HttpMethod.GET, "/api/events?topics=" + "t,".repeat(32) + "t", null, null, null, 400),
        bad("publish without token", HttpMethod.POST, PUBLISH, null, JSON, "{\"topic\": \"note\", \"data\": {}}", 401),
        bad("publish wrong token", HttpMethod.POST, PUBLISH, "Bearer nope", JSON, "{\"topic\": \"note\", \"data\": {}}", 401),
        bad("publish malformed", HttpMethod.POST, PUBLISH, BEARER, JSON, "{\"topic\": ", 400),
        bad("publish domain topic", HttpMethod.POST, PUBLISH, BEARER, JSON, "{\"topic\": \"desired\", \"data\": {\"celsius\": 30}}", 400),
        bad("publish data not an object", HttpMethod.POST, PUBLISH, BEARER, JSON, "{\"topic\": \"note\", \"data\": 5}", 400),
        bad("publish wrong content type", HttpMethod.POST, PUBLISH, BEARER, "text/plain", "{}", 415),
        bad("publish 1 MiB", HttpMethod.POST, PUBLISH, BEARER, JSON, MEBIBYTE, 413),
        // POST /api/experiments, GET /api/experiments/{id}
        bad("experiment without token", HttpMethod.POST, EXPERIMENTS, null, JSON, SCENARIO, 401),
        bad("experiment malformed", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "{\"name\": ", 400),
        bad("experiment empty body", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "", 400),
        bad("experiment JSON array", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "[]", 400),
        bad("experiment unknown controller", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, SCENARIO.replace("onoff", "bangbang"), 400),
        bad("experiment unknown field", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, SCENARIO.replace("{\"name\"", "{\"colour\": 1, \"name\""), 400),
        bad("experiment too long", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, SCENARIO.replace("PT1H", "P365D"), 400),
        bad("experiment duration not ISO", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, SCENARIO.replace("PT1H", "an hour"), 400),
        bad("experiment no controllers", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, SCENARIO.replace("{\"controller\": \"onoff\"}", ""), 400),
        bad("experiment NaN tolerance", HttpMethod.POST, EXPERIMENTS, BEARER, JSON,
            SCENARIO.replace("\"onoff\"}", "\"hysteresis\", \"hysteresis\": {\"coldTolerance\": NaN}}"), 400),
        bad("experiment wrong content type", HttpMethod.POST, EXPERIMENTS, BEARER, "text/plain", SCENARIO, 415),
        bad("experiment 1 MiB", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, MEBIBYTE, 413),
        bad("experiment of an unshipped scenario", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "{\"scenario\": \"summer\"}", 400),
        bad("experiment of a file by name", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "{\"scenario\": \"/etc/passwd\"}", 400),
        bad("experiment scenario not a name", HttpMethod.POST, EXPERIMENTS, BEARER, JSON, "{\"scenario\": 7}", 400),
        bad("experiment unknown id", HttpMethod.GET, EXPERIMENTS + "/0123456789abcdef", null, null, null, 404),
        // static files and unknown paths
        bad("dot-dot to the class path", HttpMethod.GET, "/../logback.xml", null, null, null, 404),
        bad("encoded dot-dot", HttpMethod.GET, "/%2e%2e/%2e%2e/etc/passwd", null, null, null, 404),
        bad("double-encoded dot-dot", HttpMethod.GET, "/%252e%252e/logback.xml", null, null, null, 404),
        bad("backslash dot-dot", HttpMethod.GET, "/..%5c..%5clogback.xml", null, null, null, 404),
        bad("class file", HttpMethod.GET, "/io/thermobus/Main.class", null, null, null, 404),
        bad("NUL in the path", HttpMethod.GET, "/index.html%00.js", null, null, null, 404),
        bad("unknown API path", HttpMethod.GET, "/api/zones/home/nothing", null, null, null, 404),
        // methods
        bad("PATCH desired", HttpMethod.PATCH, DESIRED, BEARER, JSON, "{\"celsius\": 22}", 405),
        bad("DELETE the zone list", HttpMethod.DELETE, ZONES, BEARER, null, null, 405),
        bad("POST on simulation", HttpMethod.POST, SIMULATION, BEARER, JSON, "{}", 405),
        bad("PUT on health", HttpMethod.PUT, "/health/live", BEARER, JSON, "{}", 405),
        bad("TRACE", HttpMethod.TRACE, "/api/zones", null, null, null, 405),
        bad("an invented method", HttpMethod.valueOf("BREW"), "/api/zones", null, null, null, 501),
        bad("a WebDAV method", HttpMethod.PROPFIND, "/api/zones", null, null, null, 501),
        bad("an invented method on a write", HttpMethod.valueOf("PURGE"), DESIRED, BEARER, JSON, "{\"celsius\": 22}", 501));
  }

  private static Arguments bad(String name, HttpMethod method, String path, String authorization, String type, String body, int status) {
    return Arguments.of(name, method, path, authorization, type, body, status);
  }

  @ParameterizedTest(name = "{0} → {6}")
  @MethodSource("badInput")
  void shouldAnswerAProblemAndChangeNothing(
      String name, HttpMethod method, String path, String authorization, String type, String body, int status) throws Exception {
    State before = State.read();
    HttpResponse<Buffer> response = send(method, path, authorization, type, body);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception").doesNotContain(RunningService.TOKEN);
    assertThat(State.read()).isEqualTo(before);
  }

  /**
   * What bad input must not change: the zones and one zone's state, the saved settings, the time
   * scale, the bus's published count and subscriptions.
   */
  private record State(JsonObject zone, JsonObject settings, JsonObject setpoint, int zones, List<String> savedFiles, double timeScale, long published,
                       int subscriptions) {

    static State read() throws Exception {
      JsonObject zone = send(HttpMethod.GET, "/api/zones/home", null, null, null).bodyAsJsonObject();
      zone.remove("at");
      JsonObject bus = send(HttpMethod.GET, SUBSCRIPTIONS, null, null, null).bodyAsJsonObject();
      List<String> saved;
      try (Stream<Path> files = Files.list(service.config.dataDir())) {
        saved = files.map(p -> p.getFileName().toString()).sorted().toList();
      }
      int zones = send(HttpMethod.GET, ZONES, null, null, null).bodyAsJsonObject().getJsonArray("zones").size();
      double timeScale = send(HttpMethod.GET, SIMULATION, null, null, null).bodyAsJsonObject().getDouble("timeScale");
      JsonObject settings = send(HttpMethod.GET, SETTINGS, null, null, null).bodyAsJsonObject();
      JsonObject setpoint = new JsonObject()
          .put("preset", send(HttpMethod.GET, "/api/zones/home/preset", null, null, null).bodyAsJsonObject())
          .put("presets", send(HttpMethod.GET, "/api/zones/home/presets", null, null, null).bodyAsJsonObject())
          .put("schedule", send(HttpMethod.GET, "/api/zones/home/schedule", null, null, null).bodyAsJsonObject());
      return new State(zone, settings, setpoint, zones, saved, timeScale, bus.getLong("published"), bus.getJsonArray("subscriptions").size());
    }
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String contentType, String body)
      throws Exception {
    return service.send(method, path, authorization, contentType, body);
  }
}
