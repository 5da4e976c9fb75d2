package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The zone API over real HTTP on loopback: answers, and every error as problem+json that changes nothing. */
class ZoneApiTest {

  private static final String JSON = "application/json";
  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  private static Vertx vertx;
  private static RunningService service;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // Simulated time nearly stands still, so the state can only change through the API.
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 0.01));
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void readsAZonesState() throws Exception {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/zones/home", null, null, null);
    assertThat(response.bodyAsString()).as("two decimals on the wire").contains("\"temperature\":20.90");
    JsonObject home = response.bodyAsJsonObject();
    assertThat(home.getString("zone")).isEqualTo("home");
    assertThat(home.getValue("desired")).isNotNull();
    assertThat(home.getBoolean("heaterOn")).isNotNull();
    assertThat(home.getString("at")).isNotBlank();
  }

  @Test
  void listsAllZones() throws Exception {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/zones", null, null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("zones").getJsonObject(0).getString("zone")).isEqualTo("home");
  }

  @Test
  void setsTheDesiredTemperatureRoundedToHundredths() throws Exception {
    HttpResponse<Buffer> response = send(HttpMethod.PUT, "/api/zones/home/desired", BEARER, JSON, "{\"celsius\": 22.555}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("\"desired\":22.56");
    assertThat(desired()).isEqualTo(22.56);
    send(HttpMethod.PUT, "/api/zones/home/desired", BEARER, JSON, "{\"celsius\": 21}");
    assertThat(desired()).isEqualTo(21.0);
  }

  static Stream<Arguments> badRequests() {
    String desired = "/api/zones/home/desired";
    String big = "{\"celsius\": 21, \"padding\": \"" + "x".repeat(17 * 1024) + "\"}";
    return Stream.of(
        Arguments.of("no token", HttpMethod.PUT, desired, null, JSON, "{\"celsius\": 22}", 401),
        Arguments.of("wrong token", HttpMethod.PUT, desired, "Bearer nope", JSON, "{\"celsius\": 22}", 401),
        Arguments.of("basic auth", HttpMethod.PUT, desired, "Basic dGVzdA==", JSON, "{\"celsius\": 22}", 401),
        Arguments.of("text body", HttpMethod.PUT, desired, BEARER, "text/plain", "22", 415),
        Arguments.of("no content type", HttpMethod.PUT, desired, BEARER, null, "{\"celsius\": 22}", 415),
        Arguments.of("malformed JSON", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": ", 400),
        Arguments.of("empty body", HttpMethod.PUT, desired, BEARER, JSON, "", 400),
        Arguments.of("JSON array", HttpMethod.PUT, desired, BEARER, JSON, "[22]", 400),
        Arguments.of("missing celsius", HttpMethod.PUT, desired, BEARER, JSON, "{\"fahrenheit\": 70}", 400),
        Arguments.of("celsius as text", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": \"22\"}", 400),
        Arguments.of("celsius as boolean", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": true}", 400),
        Arguments.of("celsius null", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": null}", 400),
        Arguments.of("NaN", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": NaN}", 400),
        Arguments.of("infinite", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": 1e400}", 400),
        Arguments.of("huge integer", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": 100000000000000000000000000000}", 400),
        Arguments.of("below range", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": 4.99}", 400),
        Arguments.of("above range", HttpMethod.PUT, desired, BEARER, JSON, "{\"celsius\": 35.01}", 400),
        Arguments.of("body too large", HttpMethod.PUT, desired, BEARER, JSON, big, 413),
        Arguments.of("unknown zone", HttpMethod.PUT, "/api/zones/attic/desired", BEARER, JSON, "{\"celsius\": 22}", 404),
        Arguments.of("invalid zone name", HttpMethod.GET, "/api/zones/Home..", null, null, null, 404),
        Arguments.of("unknown zone read", HttpMethod.GET, "/api/zones/attic", null, null, null, 404),
        Arguments.of("unknown path", HttpMethod.GET, "/api/nothing", null, null, null, 404),
        Arguments.of("create a zone without a name", HttpMethod.POST, "/api/zones", BEARER, JSON, "{}", 400),
        Arguments.of("delete a zone without the token", HttpMethod.DELETE, "/api/zones/home", null, null, null, 401),
        Arguments.of("POST desired", HttpMethod.POST, desired, BEARER, JSON, "{\"celsius\": 22}", 405));
  }

  @ParameterizedTest(name = "{0} → {6}")
  @MethodSource("badRequests")
  void answersBadRequestsWithAProblemAndChangesNothing(
      String name, HttpMethod method, String path, String authorization, String contentType, String body, int status)
      throws Exception {
    double before = desired();
    HttpResponse<Buffer> response = send(method, path, authorization, contentType, body);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
    assertThat(desired()).as("the desired temperature is unchanged").isEqualTo(before);
  }

  private static double desired() throws Exception {
    return send(HttpMethod.GET, "/api/zones/home", null, null, null).bodyAsJsonObject().getDouble("desired");
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String authorization, String contentType, String body)
      throws Exception {
    return service.send(method, path, authorization, contentType, body);
  }
}
