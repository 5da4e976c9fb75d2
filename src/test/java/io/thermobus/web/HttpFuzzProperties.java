package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random methods, paths, headers and bodies against the running service: never a 5xx (but 501 for a
 * method HTTP does not define), and without
 * the valid token never a change to a zone or to what the bus has published.
 */
class HttpFuzzProperties {

  private static Vertx vertx;
  private static RunningService service;
  private static HttpClient http;

  record Attempt(HttpMethod method, String path, Map<String, String> headers, String body) {}

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 0.01).put("busLeaseSeconds", 3600));
    http = vertx.createHttpClient();
    for (int i = 0; i < 2; i++) {
      service.client.post("/api/bus/subscriptions").send().await(10, TimeUnit.SECONDS);
    }
  }

  @AfterContainer
  static void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Property(tries = 400)
  void shouldNeverFailWithA5xxNorChangeStateWithoutTheToken(@ForAll("attempts") Attempt attempt) throws Exception {
    JsonObject before = state();
    int status;
    String contentType;
    if (attempt.method() == HttpMethod.GET && attempt.path().startsWith("/api/events")) {
      // An accepted event stream never ends: judge it by its head, then hang up.
      RequestOptions options = new RequestOptions().setMethod(attempt.method()).setHost("127.0.0.1")
          .setPort(service.port()).setURI(attempt.path());
      attempt.headers().forEach(options::putHeader);
      HttpClientResponse head = http.request(options)
          .compose(request -> attempt.body() == null ? request.send() : request.send(Buffer.buffer(attempt.body())))
          .await(20, TimeUnit.SECONDS);
      status = head.statusCode();
      contentType = head.getHeader("Content-Type");
      head.request().connection().close().await(10, TimeUnit.SECONDS);
    } else {
      HttpRequest<Buffer> request = service.client.request(attempt.method(), attempt.path());
      attempt.headers().forEach(request::putHeader);
      HttpResponse<Buffer> response = (attempt.body() == null ? request.send() : request.sendBuffer(Buffer.buffer(attempt.body())))
          .await(20, TimeUnit.SECONDS);
      status = response.statusCode();
      contentType = response.getHeader("Content-Type");
    }
    if (HttpMethods.metricLabel(attempt.method().name()).equals(HttpMethods.OTHER)) {
      assertThat(status).as("a method HTTP does not define: %s", attempt).isEqualTo(501);
    } else {
      assertThat(status).as("%s", attempt).isLessThan(500);
    }
    if (status >= 400 && attempt.method() != HttpMethod.HEAD) {
      assertThat(contentType).as("%s", attempt).isEqualTo("application/problem+json");
    }
    assertThat(state()).as("no valid token, no change: %s", attempt).isEqualTo(before);
  }

  private static JsonObject state() throws Exception {
    JsonObject zone = service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    JsonObject bus = service.client.get("/api/bus/subscriptions").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    // The two subscriptions made at start stay live: without their secrets or the token nobody ends them.
    JsonObject guarded = new JsonObject();
    bus.getJsonArray("subscriptions").stream().map(JsonObject.class::cast).filter(s -> s.getLong("id") < 2)
        .forEach(s -> guarded.put(String.valueOf(s.getLong("id")), s.getString("state")));
    return new JsonObject().put("desired", zone.getValue("desired")).put("heaterOn", zone.getValue("heaterOn"))
        .put("input", zone.getValue("input")).put("published", bus.getValue("published")).put("subscriptions", guarded);
  }

  @Provide
  Arbitrary<Attempt> attempts() {
    return Combinators.combine(methods(), paths(), headers(), bodies()).as(Attempt::new);
  }

  private static Arbitrary<HttpMethod> methods() {
    return Arbitraries.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PATCH,
        HttpMethod.OPTIONS, HttpMethod.HEAD, HttpMethod.TRACE, HttpMethod.valueOf("BREW"), HttpMethod.valueOf("PROPFIND"));
  }

  private static Arbitrary<String> paths() {
    Arbitrary<String> known = Arbitraries.of(
        "/", "/index.html", "/app.js", "/api/zones", "/api/zones/home", "/api/zones/home/desired", "/api/zones/attic/desired",
        "/api/bus/subscriptions", "/api/bus/subscriptions/1/events", "/api/bus/subscriptions/1", "/api/bus/subscriptions/0",
        "/api/bus/subscriptions/0/events", "/api/bus/events",
        "/api/ws", "/api/events", "/health/live", "/health/ready");
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-_.~").ofMinLength(0).ofMaxLength(12),
        Arbitraries.of("..", "%2e%2e", "%2f", "%00", "%E2%98%83", "%ZZ", "9999999999999999999999", "-1", "NaN", "home"));
    Arbitrary<String> random = segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> "/" + String.join("/", parts));
    Arbitrary<String> query = Arbitraries.of("", "?max=abc", "?max=-1", "?waitMs=99999999", "?waitMs=10", "?seconds=NaN",
        "?topics=,,,", "?since=-5", "?%zz=1", "?a=" + "b".repeat(300), "?limit=0", "?limit=2&after=0", "?after=x",
        "?topics=" + "t,".repeat(40) + "t", "?topics=1wire");
    return Combinators.combine(Arbitraries.oneOf(known, random), query).as(String::concat);
  }

  private static Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> authorization = Arbitraries.of(
        "Bearer wrong", "Bearer ", "Basic dGVzdDp0ZXN0", "bearer " + RunningService.TOKEN.toUpperCase(),
        "Bearer " + RunningService.TOKEN.substring(1), "Bearer " + RunningService.TOKEN + " extra", "", "Bearer\u00e9");
    Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-16", "text/plain",
        "application/problem+json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", "*/*");
    Arbitrary<String> origin = Arbitraries.of("https://evil.example", "null", "http://127.0.0.1", "file://");
    return Combinators.combine(authorization.injectNull(0.3), contentType.injectNull(0.2), origin.injectNull(0.7))
        .as((auth, type, from) -> {
          Map<String, String> headers = new HashMap<>();
          if (auth != null) {
            headers.put("Authorization", auth);
          }
          if (type != null) {
            headers.put("Content-Type", type);
          }
          if (from != null) {
            headers.put("Origin", from);
          }
          return headers;
        });
  }

  private static Arbitrary<String> bodies() {
    Arbitrary<String> number = Arbitraries.of("22", "-1e400", "NaN", "Infinity", "1e-400", "\"21\"", "null", "true",
        "[]", "{}", "99999999999999999999999999", "21.5");
    Arbitrary<String> jsonish = Combinators.combine(
            Arbitraries.of("celsius", "topic", "topics", "from", "data", "zone", "", "__proto__"), number)
        .as((key, value) -> "{\"" + key + "\": " + value + "}");
    Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> structural = Arbitraries.of("{", "}", "[", "{\"topic\": \"note\", \"data\": {}}", "{\"celsius\": 22}",
        "{\"topics\": [\"temperature\"], \"from\": \"earliest\"}", "\u0000", "\uFEFF{}", "{\"from\": 99999999999}",
        "{\"topics\": [" + "\"t\",".repeat(40) + "\"t\"]}");
    return Arbitraries.oneOf(jsonish, noise, structural, Arbitraries.just("x".repeat(20_000))).injectNull(0.2);
  }
}
