package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.bus.remote.BusAddresses;
import io.thermobus.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/ws} and {@code /api/events} on loopback, with simulated time nearly stopped so that
 * the test's own events are the only ones: resume from a seq, filters, input and error frames,
 * bad queries, and closing with 1001 when the server stops.
 */
class StreamsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private Vertx serverVertx;
  private Vertx clientVertx;
  private RunningService service;
  private WebSocketClient sockets;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    serverVertx = Vertx.vertx();
    clientVertx = Vertx.vertx();
    service = RunningService.start(serverVertx, new JsonObject().put("timeScale", 0.001).put("zones", "home,attic"));
    sockets = clientVertx.createWebSocketClient();
    http = clientVertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    serverVertx.close().await(10, TimeUnit.SECONDS);
    clientVertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldResumeAWebSocketFromSinceWithExactlyTheMissedEventsThenLiveOnes() throws Exception {
    List<Long> published = publish("note", "home", 10);
    long since = published.get(3);
    Frames frames = connect("/api/ws?topics=note&since=" + since);
    await().atMost(PATIENCE).until(() -> frames.seqs().size() >= 7);
    assertThat(frames.all.get(0).getString("type")).isEqualTo("hello");
    assertThat(frames.all.get(0).getLong("next")).isEqualTo(since);
    List<Long> more = publish("note", "home", 3);
    await().atMost(PATIENCE).until(() -> frames.seqs().size() >= 10);
    List<Long> expected = new ArrayList<>(published.subList(3, 10));
    expected.addAll(more);
    assertThat(frames.seqs()).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldGiveEveryConnectionOfSharedFiltersExactlyItsEventsInOrderWhileOthersJoin() throws Exception {
    List<Frames> homeNotes = new ArrayList<>();
    List<Frames> allNotes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      homeNotes.add(connect("/api/ws?topics=note&zone=home"));
      allNotes.add(connect("/api/ws?topics=note"));
    }
    await().atMost(PATIENCE).until(() -> homeNotes.stream().allMatch(f -> !f.all.isEmpty()) && allNotes.stream().allMatch(f -> !f.all.isEmpty()));
    List<Long> home = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      List<Long> atHome = publish("note", "home", 2);
      List<Long> inAttic = publish("note", "attic", 1);
      publish("other", "home", 1);
      home.addAll(atHome);
      all.addAll(atHome);
      all.addAll(inAttic);
      if (round == 2) {
        // Joins the lanes part-way: from the start, so it first catches up by itself.
        homeNotes.add(connect("/api/ws?topics=note&zone=home&since=" + home.get(0)));
        allNotes.add(connect("/api/ws?topics=note&since=" + all.get(0)));
      }
    }
    for (Frames frames : homeNotes) {
      await().atMost(PATIENCE).until(() -> frames.seqs().size() >= home.size());
    }
    for (Frames frames : allNotes) {
      await().atMost(PATIENCE).until(() -> frames.seqs().size() >= all.size());
    }
    List<Long> more = publish("note", "home", 1);
    for (Frames frames : homeNotes) {
      await().atMost(PATIENCE).until(() -> frames.seqs().size() > home.size());
      assertThat(frames.seqs()).containsExactlyElementsOf(concat(home, more));
    }
    for (Frames frames : allNotes) {
      await().atMost(PATIENCE).until(() -> frames.seqs().size() > all.size());
      assertThat(frames.seqs()).containsExactlyElementsOf(concat(all, more));
    }
  }

  @Test
  void shouldGiveEveryServerSentEventsStreamOfOneFilterExactlyItsEvents() throws Exception {
    List<EventStream> streams = new ArrayList<>();
    // The client's pool holds 5 connections per server.
    for (int i = 0; i < 4; i++) {
      streams.add(events("/api/events?topics=note&zone=home", null));
    }
    await().atMost(PATIENCE).until(() -> streams.stream().allMatch(events -> events.text().contains("event: hello")));
    List<Long> wanted = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      wanted.addAll(publish("note", "home", 2));
      publish("note", "attic", 1);
    }
    for (EventStream events : streams) {
      await().atMost(PATIENCE).until(() -> events.ids.size() >= wanted.size());
    }
    List<Long> more = publish("note", "home", 1);
    for (EventStream events : streams) {
      await().atMost(PATIENCE).until(() -> events.ids.size() > wanted.size());
      assertThat(events.ids).containsExactlyElementsOf(concat(wanted, more));
    }
  }

  private static List<Long> concat(List<Long> first, List<Long> then) {
    List<Long> both = new ArrayList<>(first);
    both.addAll(then);
    return both;
  }

  @Test
  void shouldResumeOnlyOnTheBusTheSeqCameFrom() throws Exception {
    List<Long> published = publish("note", "home", 4);
    Frames first = connect("/api/ws?topics=note&since=" + published.get(0));
    await().atMost(PATIENCE).until(() -> first.seqs().size() == 4);
    String bus = first.all.get(0).getString("bus");
    assertThat(bus).matches("[0-9a-z]+");

    Frames sameBus = connect("/api/ws?topics=note&since=" + published.get(2) + "&bus=" + bus);
    await().atMost(PATIENCE).until(() -> sameBus.seqs().size() == 2);
    assertThat(sameBus.seqs()).containsExactlyElementsOf(published.subList(2, 4));

    Frames otherBus = connect("/api/ws?topics=note&since=" + published.get(2) + "&bus=before0restart");
    await().atMost(PATIENCE).until(() -> !otherBus.all.isEmpty());
    assertThat(otherBus.all.get(0).getLong("next")).as("starts at the next event").isEqualTo(published.get(3) + 1);
    List<Long> live = publish("note", "home", 1);
    await().atMost(PATIENCE).until(() -> otherBus.seqs().size() == 1);
    assertThat(otherBus.seqs()).isEqualTo(live);
  }

  @Test
  void shouldStartAtTheNextEventWithoutSince() throws Exception {
    publish("note", "home", 3);
    Frames frames = connect("/api/ws?topics=note");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    List<Long> live = publish("note", "home", 2);
    await().atMost(PATIENCE).until(() -> frames.seqs().size() >= 2);
    assertThat(frames.seqs()).containsExactlyElementsOf(live);
  }

  @Test
  void shouldResumeServerSentEventsAfterLastEventId() throws Exception {
    List<Long> published = publish("note", "home", 8);
    long lastSeen = published.get(4);
    EventStream events = events("/api/events?topics=note", String.valueOf(lastSeen));
    await().atMost(PATIENCE).until(() -> events.ids.size() >= 3);
    List<Long> more = publish("note", "home", 2);
    await().atMost(PATIENCE).until(() -> events.ids.size() >= 5);
    List<Long> expected = new ArrayList<>(published.subList(5, 8));
    expected.addAll(more);
    assertThat(events.ids).containsExactlyElementsOf(expected);
    assertThat(events.text()).startsWith("retry: ").containsPattern("event: hello\ndata: \\{\"bus\":\"[0-9a-z]+\",\"next\":" + (lastSeen + 1)
        + ",\"head\":[0-9]+,\"subscription\":[0-9]+}\n");
    assertThat(events.text()).contains("data: {\"seq\":" + published.get(5) + ",\"topic\":\"note\",\"zone\":\"home\"");
  }

  @Test
  void shouldSendOnlyTheRequestedTopicsAndZoneOverServerSentEvents() throws Exception {
    EventStream events = events("/api/events?topics=note&zone=attic", null);
    await().atMost(PATIENCE).until(() -> events.text().contains("event: hello"));
    publish("note", "home", 2);
    publish("other", "attic", 2);
    List<Long> wanted = publish("note", "attic", 2);
    await().atMost(PATIENCE).until(() -> events.ids.size() >= 2);
    publish("note", "attic", 1);
    await().atMost(PATIENCE).until(() -> events.ids.size() >= 3);
    assertThat(events.ids.subList(0, 2)).containsExactlyElementsOf(wanted);
  }

  @Test
  void shouldSendOnlyTheRequestedTopicsAndZone() throws Exception {
    Frames frames = connect("/api/ws?topics=note,other&zone=attic");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    publish("note", "home", 2);
    List<Long> wanted = new ArrayList<>(publish("note", "attic", 2));
    publish("ignored", "attic", 2);
    wanted.addAll(publish("other", "attic", 1));
    await().atMost(PATIENCE).until(() -> frames.seqs().size() >= 3);
    publish("note", "attic", 1);
    await().atMost(PATIENCE).until(() -> frames.seqs().size() >= 4);
    assertThat(frames.seqs().subList(0, 3)).containsExactlyElementsOf(wanted);
    assertThat(frames.envelopes()).allSatisfy(frame -> assertThat(frame.getString("zone")).isEqualTo("attic"));
  }

  @Test
  void shouldApplyInputWithTheTokenAndAnswerBadFramesWithErrorsOnTheSameConnection() throws Exception {
    Frames frames = connect("/api/ws?topics=input");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    String token = RunningService.TOKEN;
    String[] bad = {
        "not json",
        "[1,2]",
        "{\"type\":\"jump\",\"zone\":\"home\",\"token\":\"" + token + "\"}",
        "{\"type\":\"desired\",\"zone\":\"Home!\",\"celsius\":22,\"token\":\"" + token + "\"}",
        "{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":22}",
        "{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":22,\"token\":\"wrong\"}",
        "{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":\"22\",\"token\":\"" + token + "\"}",
        "{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":1e400,\"token\":\"" + token + "\"}",
        "{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":99,\"token\":\"" + token + "\"}",
        "{\"type\":\"desired\",\"zone\":\"cellar\",\"celsius\":22,\"token\":\"" + token + "\"}",
        "{\"type\":\"key\",\"zone\":\"home\",\"key\":\"F5\",\"token\":\"" + token + "\"}",
        "{\"type\":\"key\",\"zone\":\"home\",\"key\":\"ArrowUp\"}"};
    for (String frame : bad) {
      frames.socket.writeTextMessage(frame).await(10, TimeUnit.SECONDS);
    }
    frames.socket.writeBinaryMessage(Buffer.buffer("{}")).await(10, TimeUnit.SECONDS);
    await().atMost(PATIENCE).until(() -> frames.ofType("error").size() == bad.length + 1);
    assertThat(frames.ofType("error")).extracting(error -> error.getInteger("status"))
        .as("zone answers arrive later than the frames refused at once")
        .containsExactlyInAnyOrder(400, 400, 400, 400, 401, 401, 400, 400, 400, 404, 400, 401, 400);
    assertThat(frames.ofType("error")).allSatisfy(error -> assertThat(error.getString("detail")).isNotBlank().doesNotContain("Exception"));
    assertThat(desired()).as("nothing changed").isEqualTo(21.0);

    frames.socket.writeTextMessage("{\"type\":\"desired\",\"zone\":\"home\",\"celsius\":22.5,\"token\":\"" + token + "\",\"ref\":7}")
        .await(10, TimeUnit.SECONDS);
    frames.socket.writeTextMessage("{\"type\":\"key\",\"zone\":\"home\",\"key\":\"ArrowUp\",\"token\":\"" + token + "\"}")
        .await(10, TimeUnit.SECONDS);
    await().atMost(PATIENCE).until(() -> frames.ofType("applied").size() == 2);
    assertThat(frames.ofType("applied").get(0)).isEqualTo(new JsonObject().put("type", "applied").put("ref", 7).put("zone", "home").put("desired", 22.5));
    assertThat(frames.ofType("applied").get(1).getDouble("desired")).isEqualTo(23.0);
    assertThat(desired()).isEqualTo(23.0);
    await().atMost(PATIENCE).until(() -> !frames.envelopes().isEmpty());
    assertThat(frames.envelopes().get(frames.envelopes().size() - 1).getJsonObject("data").getString("trace")).endsWith("↑");
  }

  @Test
  void shouldHoldWebSocketInputToTheClientsWriteRate() throws Exception {
    Vertx limitedVertx = Vertx.vertx();
    try (RunningService limited = RunningService.start(limitedVertx, new JsonObject().put("timeScale", 0.001)
        .put("writeBurst", 5).put("writeRate", 1))) {
      Frames frames = connect(limited.port(), "/api/ws?topics=none");
      await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
      String escape = "{\"type\":\"key\",\"zone\":\"home\",\"key\":\"Escape\",\"token\":\"" + RunningService.TOKEN + "\"}";
      for (int i = 0; i < 20; i++) {
        frames.socket.writeTextMessage(escape).await(10, TimeUnit.SECONDS);
      }
      await().atMost(PATIENCE).until(() -> frames.ofType("applied").size() + frames.ofType("error").size() == 20);
      assertThat(frames.ofType("error")).as("past the burst of 5").isNotEmpty()
          .allSatisfy(error -> assertThat(error.getInteger("status")).isEqualTo(429));
      assertThat(frames.ofType("applied").size()).as("the burst, and what refilled meanwhile").isBetween(5, 19);
    } finally {
      limitedVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldDropAConnectionThatSendsInputOverTheLimitAndFreeItsStream() throws Exception {
    Frames frames = connect("/api/ws");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    frames.socket.writeTextMessage("{\"pad\":\"" + "x".repeat(service.config.web().wsMaxMessageBytes()) + "\"}");
    await().atMost(PATIENCE).until(() -> frames.socket.isClosed());
    await().atMost(PATIENCE).until(() -> introspect().getJsonObject("streams").getLong("open") == 0);
  }

  @ParameterizedTest(name = "{0} → 400")
  @ValueSource(strings = {
      "/api/ws?since=abc", "/api/ws?since=0", "/api/ws?since=-1", "/api/ws?since=1&since=2", "/api/ws?topics=Bad!",
      "/api/ws?topics=a,,b", "/api/ws?zone=../x", "/api/events?since=x", "/api/events?topics=%20", "/api/events?zone=a&zone=b", "/api/ws?bus=Not-A-Bus",
      "/api/ws?since=99999999999999999999"})
  void shouldRefuseABadStreamQueryWithAProblem(String path) throws Exception {
    HttpResponse<Buffer> response = service.client.get(path).send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void shouldAcceptEveryTopicFilterTheBusApiAcceptsAndRefuseOneTopicMore() throws Exception {
    List<String> topics = new ArrayList<>();
    for (int n = 1; n <= 32; n++) {
      topics.add(n + "wire");
    }
    EventStream events = events("/api/events?topics=" + String.join(",", topics), null);
    await().atMost(PATIENCE).until(() -> events.text().contains("event: hello"));
    HttpResponse<Buffer> oneMore = service.client.get("/api/events?topics=" + String.join(",", topics) + ",extra")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(oneMore.statusCode()).isEqualTo(400);
    assertThat(oneMore.bodyAsJsonObject().getString("detail")).contains("32");
  }

  @Test
  void shouldRefuseABadLastEventIdWithAProblem() throws Exception {
    HttpResponse<Buffer> response = service.client.get("/api/events").putHeader("Last-Event-ID", "yesterday")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void shouldAskPlainHttpRequestsToUpgrade() throws Exception {
    HttpResponse<Buffer> response = service.client.get("/api/ws").send().await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(426);
    assertThat(response.getHeader("Upgrade")).isEqualTo("websocket");
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void shouldCloseSocketsWithGoingAwayWhenTheServerStops() throws Exception {
    Frames frames = connect("/api/ws");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    AtomicReference<Short> status = new AtomicReference<>();
    frames.socket.closeHandler(closed -> status.set(frames.socket.closeStatusCode()));
    service.close();
    serverVertx.close().await(10, TimeUnit.SECONDS);
    await().atMost(PATIENCE).until(() -> status.get() != null);
    assertThat(status.get()).isEqualTo((short) 1001);
    serverVertx = Vertx.vertx();
  }

  @Test
  void shouldCloseASocketWhoseSubscriptionIsUnsubscribedAndResumeItWithoutAGap() throws Exception {
    Frames first = connect("/api/ws?topics=note");
    await().atMost(PATIENCE).until(() -> !first.all.isEmpty());
    AtomicReference<Short> status = new AtomicReference<>();
    first.socket.closeHandler(closed -> status.set(first.socket.closeStatusCode()));
    List<Long> before = publish("note", "home", 3);
    await().atMost(PATIENCE).until(() -> first.seqs().size() == 3);
    long id = streamSubscriptionId();
    assertThat(first.all.get(0).getLong("subscription")).as("the hello names the socket's subscription").isEqualTo(id);
    assertThat(service.client.delete("/api/bus/subscriptions/" + id).send().await(10, TimeUnit.SECONDS).statusCode())
        .as("a stranger cannot cut the stream off").isEqualTo(401);
    assertThat(service.client.delete("/api/bus/subscriptions/" + id).putHeader("Authorization", "Bearer guess").send()
        .await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
    assertThat(first.socket.isClosed()).isFalse();
    assertThat(service.client.delete("/api/bus/subscriptions/" + id)
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    await().atMost(PATIENCE).until(() -> status.get() != null);
    assertThat(status.get()).isEqualTo((short) 1000);
    List<Long> missed = publish("note", "home", 4);
    Frames resumed = connect("/api/ws?topics=note&since=" + (before.get(2) + 1));
    await().atMost(PATIENCE).until(() -> resumed.seqs().size() == 4);
    assertThat(resumed.seqs()).containsExactlyElementsOf(missed);
  }

  /**
   * An event stream ended from the server leaves its connection open for the client's next
   * request: no frame may follow the last chunk, or that request's answer would be garbled.
   */
  @Test
  void shouldEndAnEventStreamWhoseSubscriptionIsUnsubscribedAndServeTheNextRequestOnItsConnection() throws Exception {
    HttpClient oneConnection = clientVertx.createHttpClient(new PoolOptions().setHttp1MaxSize(1));
    StringBuilder text = new StringBuilder();
    HttpClientResponse stream = oneConnection.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/events?topics=note")
        .compose(request -> request.send())
        .await(10, TimeUnit.SECONDS);
    Promise<Void> ended = Promise.promise();
    stream.handler(chunk -> {
      synchronized (text) {
        text.append(chunk.toString());
      }
    });
    stream.endHandler(end -> ended.complete());
    List<Long> before = publish("note", "home", 3);
    await().atMost(PATIENCE).until(() -> {
      synchronized (text) {
        return text.toString().contains("id: " + before.get(2) + "\n");
      }
    });
    assertThat(service.client.delete("/api/bus/subscriptions/" + streamSubscriptionId())
        .putHeader("Authorization", "Bearer " + RunningService.TOKEN).send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    ended.future().await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    publish("note", "home", 3);

    AtomicReference<HttpClientResponse> next = new AtomicReference<>();
    Buffer body = oneConnection.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/zones/home")
        .compose(request -> request.send())
        .compose(response -> {
          next.set(response);
          return response.body();
        })
        .await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(next.get().request().connection()).as("the same connection").isSameAs(stream.request().connection());
    assertThat(next.get().statusCode()).isEqualTo(200);
    assertThat(body.toJsonObject().getString("zone")).isEqualTo("home");
    synchronized (text) {
      assertThat(text.toString()).doesNotContain("id: " + (before.get(2) + 1) + "\n");
    }
    oneConnection.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldUnsubscribeWhenTheClientGoes() throws Exception {
    Frames frames = connect("/api/ws");
    await().atMost(PATIENCE).until(() -> !frames.all.isEmpty());
    long id = streamSubscriptionId();
    frames.socket.close().await(10, TimeUnit.SECONDS);
    await().atMost(PATIENCE).until(() -> introspect().getJsonObject("streams").getLong("open") == 0);
    assertThat(introspect().getJsonArray("subscriptions").stream().map(JsonObject.class::cast)
        .filter(s -> s.getLong("id") == id).findFirst().orElseThrow().getString("state")).isEqualTo("tombstoned");
  }

  private JsonObject introspect() throws Exception {
    return service.client.get("/api/bus/subscriptions").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  /** The id of the one live subscription without a lease: the stream's. */
  private long streamSubscriptionId() throws Exception {
    JsonObject bus = introspect();
    List<Long> ids = bus.getJsonArray("subscriptions").stream().map(JsonObject.class::cast)
        .filter(s -> "live".equals(s.getString("state")) && s.getValue("leaseExpiresAt") == null)
        .map(s -> s.getLong("id")).toList();
    assertThat(ids).hasSize(1);
    assertThat(bus.getJsonObject("streams").getLong("open")).isEqualTo(1);
    return ids.get(0);
  }

  /** Publishes custom events through the bus's event-bus address and answers their seqs. */
  private List<Long> publish(String topic, String zone, int count) throws Exception {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject request = new JsonObject().put("topic", topic).put("zone", zone).put("data", new JsonObject().put("n", i));
      JsonObject envelope = serverVertx.eventBus().<JsonObject>request(BusAddresses.PUBLISH, request)
          .await(10, TimeUnit.SECONDS).body();
      seqs.add(envelope.getLong("seq"));
    }
    return seqs;
  }

  private double desired() throws Exception {
    return service.client.get("/api/zones/home").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getDouble("desired");
  }

  private Frames connect(String uri) throws Exception {
    return connect(service.port(), uri);
  }

  /** Connects with the message handler in place before the socket opens, so no frame is missed. */
  private Frames connect(int port, String uri) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    ClientWebSocket socket = sockets.webSocket();
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)).await(10, TimeUnit.SECONDS);
    return new Frames(socket, received);
  }

  /** Opens an event stream with the chunk handler in place before the request is sent, so no chunk is missed. */
  private EventStream events(String uri, String lastEventId) throws Exception {
    EventStream events = new EventStream();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(service.port()).setURI(uri);
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    HttpClientResponse response = http.request(options)
        .compose(request -> {
          Future<HttpClientResponse> answered = request.response().onSuccess(streaming -> streaming.handler(events::received));
          return request.end().compose(sent -> answered);
        })
        .await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    return events;
  }

  /** What one event-stream client received: the raw text and the ids in order. */
  private static final class EventStream {
    private final StringBuilder text = new StringBuilder();
    private int pending; // characters at the end of text not yet ending an event
    final List<Long> ids = new CopyOnWriteArrayList<>();

    synchronized void received(Buffer chunk) {
      int unparsed = text.length() - pending;
      text.append(chunk.toString());
      int end;
      while ((end = text.indexOf("\n\n", unparsed)) >= 0) {
        for (String line : text.substring(unparsed, end).split("\n")) {
          if (line.startsWith("id: ")) {
            ids.add(Long.parseLong(line.substring(4)));
          }
        }
        unparsed = end + 2;
      }
      pending = text.length() - unparsed;
    }

    synchronized String text() {
      return text.toString();
    }
  }

  /** What one WebSocket client received, in order. */
  private static final class Frames {
    final WebSocket socket;
    final List<JsonObject> all;

    Frames(WebSocket socket, List<JsonObject> all) {
      this.socket = socket;
      this.all = all;
    }

    List<JsonObject> envelopes() {
      return all.stream().filter(frame -> frame.containsKey("seq")).toList();
    }

    List<Long> seqs() {
      return envelopes().stream().map(frame -> frame.getLong("seq")).toList();
    }

    List<JsonObject> ofType(String type) {
      return all.stream().filter(frame -> type.equals(frame.getString("type"))).toList();
    }
  }
}
