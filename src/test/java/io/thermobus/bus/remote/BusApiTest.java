package io.thermobus.bus.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bus over real HTTP on loopback, with simulated time nearly stopped so the test is the only publisher. */
@ExtendWith(VertxExtension.class)
class BusApiTest {

  private RunningService service;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    service = RunningService.start(vertx, new JsonObject()
        .put("timeScale", 0.001).put("busRetainEvents", 20).put("busSweepMs", 3000).put("busLeaseSeconds", 1));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void replaysTheChaptersExampleOverHttp() throws Exception {
    long one = subscribe(new JsonObject()).getLong("id");
    long two = subscribe(new JsonObject()).getLong("id");
    for (double value : new double[] {1.0, 2.0, 3.0}) {
      publish("value", new JsonObject().put("value", value));
    }
    for (long id : new long[] {one, two}) {
      List<Double> values = new ArrayList<>();
      while (values.isEmpty() || values.get(values.size() - 1) != 3.0) {
        for (Object event : drain(id, "max=10&waitMs=5000").getJsonArray("events")) {
          values.add(((JsonObject) event).getJsonObject("data").getDouble("value"));
        }
      }
      assertThat(values).containsExactly(1.0, 2.0, 3.0);
      assertThat(send("DELETE", "/api/bus/subscriptions/" + id, null).statusCode()).isEqualTo(204);
    }
    JsonArray chamber = introspect().getJsonArray("subscriptions");
    assertThat(chamber).extracting(s -> ((JsonObject) s).getString("state")).containsExactly("tombstoned", "tombstoned");
    await("the sweep").atMost(Duration.ofSeconds(20)).until(() -> introspect().getJsonArray("subscriptions").isEmpty());
    assertThat(introspect().getLong("sweeps")).isPositive();
  }

  @Test
  void startsFromEarliestASeqATimeOrLatest() throws Exception {
    long head = introspect().getLong("published");
    publish("note", new JsonObject().put("n", 1));
    Instant between = Instant.now();
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between));
    publish("note", new JsonObject().put("n", 2));
    publish("note", new JsonObject().put("n", 3));

    assertThat(notes(subscribe(new JsonObject().put("topics", new JsonArray().add("note")).put("from", "earliest"))))
        .containsExactly(1, 2, 3);
    JsonObject fromSeq = subscribe(new JsonObject().put("topics", new JsonArray().add("note")).put("from", head + 2));
    assertThat(fromSeq.getLong("next")).isEqualTo(head + 2);
    assertThat(notes(fromSeq)).containsExactly(2, 3);
    assertThat(notes(subscribe(new JsonObject().put("topics", new JsonArray().add("note")).put("from", between.toString()))))
        .containsExactly(2, 3);
    JsonObject latest = subscribe(new JsonObject().put("from", "latest"));
    assertThat(latest.getLong("next")).isEqualTo(head + 4);
    assertThat(latest.getString("state")).isEqualTo("live");
    assertThat(Instant.parse(latest.getString("leaseExpiresAt"))).isAfter(Instant.now());
    assertThat(notes(latest)).isEmpty();
  }

  @Test
  void aSubscriberThatFellOutOfRetentionGetsALaggedMarkerFirst() throws Exception {
    JsonObject subscription = subscribe(new JsonObject().put("topics", new JsonArray().add("note")));
    long next = subscription.getLong("next");
    for (int n = 0; n < 30; n++) {
      publish("note", new JsonObject().put("n", n));
    }
    JsonArray events = drain(subscription.getLong("id"), "max=100").getJsonArray("events");
    JsonObject marker = events.getJsonObject(0);
    long resumeAt = marker.getLong("resumeAt");
    assertThat(marker.getLong("lagged")).isEqualTo(resumeAt - next).isPositive();
    assertThat(events.getJsonObject(1).getLong("seq")).isEqualTo(resumeAt);
    assertThat(events.getJsonObject(events.size() - 1).getJsonObject("data").getInteger("n")).isEqualTo(29);
    assertThat(introspect().getLong("lagged")).isEqualTo(1);
  }

  @Test
  void aLongPollAnswersAsSoonAsAnEventIsPublished() throws Exception {
    long id = subscribe(new JsonObject().put("topics", new JsonArray().add("note"))).getLong("id");
    Future<HttpResponse<Buffer>> waiting = service.client.get("/api/bus/subscriptions/" + id + "/events?waitMs=20000")
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send();
    await().atMost(Duration.ofSeconds(5)).until(() -> !introspect().getJsonArray("subscriptions").isEmpty());
    publish("note", new JsonObject().put("n", 7));
    HttpResponse<Buffer> response = waiting.await(10, TimeUnit.SECONDS);
    assertThat(response.bodyAsJsonObject().getJsonArray("events")).hasSize(1);
  }

  @Test
  void anIdleLongPollAnswersEmptyAfterItsWait() throws Exception {
    long id = subscribe(new JsonObject().put("topics", new JsonArray().add("nothing"))).getLong("id");
    assertThat(drain(id, "waitMs=200").getJsonArray("events")).isEmpty();
  }

  @Test
  void anUnsubscribedIdIsGoneForeverAndAnUnknownIdIsNotFound() throws Exception {
    long id = subscribe(new JsonObject()).getLong("id");
    assertThat(send("DELETE", "/api/bus/subscriptions/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/api/bus/subscriptions/" + id, null).statusCode()).as("idempotent").isEqualTo(204);
    assertThat(send("GET", "/api/bus/subscriptions/" + id + "/events", null).statusCode()).isEqualTo(410);
    await("swept").atMost(Duration.ofSeconds(20)).until(() -> introspect().getJsonArray("subscriptions").isEmpty());
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events", null), 410);
    assertThat(send("DELETE", "/api/bus/subscriptions/" + id, null).statusCode()).isEqualTo(204);
    assertProblem(send("GET", "/api/bus/subscriptions/9999/events", null), 404);
    assertProblem(send("DELETE", "/api/bus/subscriptions/9999", null), 404);
    assertProblem(send("GET", "/api/bus/subscriptions/abc/events", null), 404);
  }

  @Test
  void pagesTheIntrospectionByIdKeepingTheTotalsOnEveryPage() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(subscribe(new JsonObject()).getLong("id"));
    }
    send("DELETE", "/api/bus/subscriptions/" + ids.get(4), null);
    List<Long> seen = new ArrayList<>();
    String query = "?limit=2";
    for (int page = 0; page < 3; page++) {
      JsonObject body = send("GET", "/api/bus/subscriptions" + query, null).bodyAsJsonObject();
      assertThat(body.getJsonArray("subscriptions").size()).isLessThanOrEqualTo(2);
      assertThat(body.getLong("live")).isEqualTo(4);
      assertThat(body.getLong("tombstoned")).isEqualTo(1);
      body.getJsonArray("subscriptions").forEach(s -> seen.add(((JsonObject) s).getLong("id")));
      query = "?limit=2&after=" + body.getLong("nextAfter");
      if (page == 2) {
        assertThat(body.getValue("nextAfter")).as("the last page").isNull();
      }
    }
    assertThat(seen).isEqualTo(ids);
    assertThat(introspect().getJsonArray("subscriptions")).as("the default page holds a few").hasSize(5);
    assertProblem(send("GET", "/api/bus/subscriptions?limit=0", null), 400);
    assertProblem(send("GET", "/api/bus/subscriptions?limit=1001", null), 400);
    assertProblem(send("GET", "/api/bus/subscriptions?after=-3", null), 400);
  }

  @Test
  void onlyTheHolderOfASubscriptionsSecretOrTheTokenReadsOrEndsIt() throws Exception {
    JsonObject created = subscribe(new JsonObject());
    long id = created.getLong("id");
    String secret = created.getString("secret");
    assertThat(introspect().encode()).as("introspection shows no secret").doesNotContain(secret);
    String path = "/api/bus/subscriptions/" + id;
    assertProblem(anonymous("DELETE", path, null), 401);
    assertProblem(anonymous("DELETE", path, "Bearer " + secret.substring(1)), 401);
    assertProblem(anonymous("GET", path + "/events", null), 401);
    assertProblem(anonymous("GET", path + "/events", "Bearer " + subscribe(new JsonObject()).getString("secret")), 401);
    assertThat(introspect().getJsonArray("subscriptions").getJsonObject(0).getString("state")).isEqualTo("live");
    assertThat(anonymous("GET", path + "/events", "Bearer " + secret).statusCode()).isEqualTo(200);
    assertThat(anonymous("DELETE", path, "Bearer " + secret).statusCode()).isEqualTo(204);
    assertProblem(anonymous("GET", path + "/events", null), 410);
  }

  @Test
  void aSubscriptionNotPolledWithinItsLeaseIsTombstonedThenSwept() throws Exception {
    long id = subscribe(new JsonObject()).getLong("id");
    // Only introspection is used while waiting: a poll would renew the lease.
    await("lease expired").atMost(Duration.ofSeconds(20)).until(() -> introspect().getJsonArray("subscriptions")
        .getJsonObject(0).getString("state").equals("tombstoned"));
    await("swept").atMost(Duration.ofSeconds(20)).until(() -> introspect().getJsonArray("subscriptions").isEmpty());
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events", null), 410);
  }

  @Test
  void refusesBadRequestsWithProblemsAndCreatesNothing() throws Exception {
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("topics", "temperature")), 400);
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("topics", new JsonArray().add(7))), 400);
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("from", "yesterday")), 400);
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("from", 0)), 400);
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("from", true)), 400);
    long head = introspect().getLong("published");
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("from", head + 2)), 400);
    assertProblem(send("POST", "/api/bus/subscriptions", new JsonObject().put("topics", new JsonArray(java.util.Collections.nCopies(33, "t")))), 400);
    assertProblem(service.client.post("/api/bus/subscriptions").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{}")).await(10, TimeUnit.SECONDS), 415);
    assertThat(introspect().getJsonArray("subscriptions")).as("no subscription was created").isEmpty();
    assertThat(subscribe(new JsonObject().put("from", introspect().getLong("published") + 1)).getString("state"))
        .as("the next seq is where latest starts").isEqualTo("live");

    long id = introspect().getJsonArray("subscriptions").getJsonObject(0).getLong("id");
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events?max=0", null), 400);
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events?max=abc", null), 400);
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events?max=1001", null), 400);
    assertProblem(send("GET", "/api/bus/subscriptions/" + id + "/events?waitMs=999999", null), 400);

    long published = introspect().getLong("published");
    assertProblem(service.client.post("/api/bus/events").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("topic", "note")).await(10, TimeUnit.SECONDS), 401);
    assertProblem(send("POST", "/api/bus/events", new JsonObject().put("topic", "temperature")), 400);
    assertProblem(send("POST", "/api/bus/events", new JsonObject().put("topic", "Not A Topic")), 400);
    assertProblem(send("POST", "/api/bus/events", new JsonObject().put("topic", "note").put("data", "text")), 400);
    assertProblem(send("POST", "/api/bus/events", new JsonObject().put("topic", "note").put("zone", "../x")), 400);
    assertThat(introspect().getLong("published")).as("nothing was published").isEqualTo(published);
  }

  private List<Integer> notes(JsonObject subscription) throws Exception {
    List<Integer> notes = new ArrayList<>();
    for (Object event : drain(subscription.getLong("id"), "max=100").getJsonArray("events")) {
      notes.add(((JsonObject) event).getJsonObject("data").getInteger("n"));
    }
    return notes;
  }

  private JsonObject subscribe(JsonObject request) throws Exception {
    HttpResponse<Buffer> response = send("POST", "/api/bus/subscriptions", request);
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private void publish(String topic, JsonObject data) throws Exception {
    HttpResponse<Buffer> response = send("POST", "/api/bus/events", new JsonObject().put("topic", topic).put("data", data));
    assertThat(response.statusCode()).isEqualTo(201);
  }

  private JsonObject drain(long id, String query) throws Exception {
    HttpResponse<Buffer> response = send("GET", "/api/bus/subscriptions/" + id + "/events?" + query, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private JsonObject introspect() throws Exception {
    return send("GET", "/api/bus/subscriptions", null).bodyAsJsonObject();
  }

  private HttpResponse<Buffer> send(String method, String path, JsonObject body) throws Exception {
    var request = service.client.request(io.vertx.core.http.HttpMethod.valueOf(method), path)
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN);
    return (body == null ? request.send() : request.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> anonymous(String method, String path, String authorization) throws Exception {
    var request = service.client.request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().await(30, TimeUnit.SECONDS);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
  }
}
