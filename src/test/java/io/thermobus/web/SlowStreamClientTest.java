package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.bus.remote.BusAddresses;
import io.thermobus.testing.RunningService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket client that stops reading while 40 MB of events go by: the server stops writing to
 * it once its outbound buffer is full (it holds a bounded amount, not the backlog), another client
 * keeps receiving everything, and when the slow one reads again it gets the backlog folded to the
 * latest event per zone and topic. Loopback only, bounded in count (10 000 events) and time.
 */
class SlowStreamClientTest {

  private static final int EVENTS = 10_000;
  private static final int PAYLOAD_BYTES = 4_000;
  private static final int ZONES = 10;
  /**
   * What a client that never reads can have in flight: the server's sized kernel send buffer (which
   * Linux doubles) + the client's receive buffer + the server's write queue + a batch. Without the
   * sized send buffer the kernel alone would take up to 4 MiB.
   */
  private static final long IN_FLIGHT_BOUND_BYTES = 2L * WebVerticle.SEND_BUFFER_BYTES + 256 * 1024 + 64 * 1024 + 64 * (PAYLOAD_BYTES + 200);

  private Vertx serverVertx;
  private Vertx clientVertx;
  private RunningService service;
  private WebSocketClient sockets;

  @BeforeEach
  void start() throws Exception {
    serverVertx = Vertx.vertx();
    clientVertx = Vertx.vertx();
    service = RunningService.start(serverVertx, new JsonObject().put("timeScale", 0.001).put("busRetainEvents", 5000));
    // A small receive buffer so that not reading is felt soon; a short closing timeout so a paused socket cannot stall teardown.
    sockets = clientVertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096).setClosingTimeout(1));
  }

  @AfterEach
  void stop() throws Exception {
    service.close();
    serverVertx.close().await(10, TimeUnit.SECONDS);
    clientVertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldHoldABoundedAmountForAClientThatStopsReadingWhileOthersKeepReceiving() throws Exception {
    Reader slow = connect();
    Reader fast = connect();
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.hello && fast.hello);
    slow.socket.pause();

    Map<String, Long> latestPerZone = publish(EVENTS);
    long last = latestPerZone.values().stream().mapToLong(Long::longValue).max().orElseThrow();

    await("the other client receives everything").atMost(Duration.ofSeconds(60)).until(() -> fast.lastSeq.get() == last);
    assertThat(fast.frames.get() + fast.coalesced.get() + fast.lagged.get())
        .as("every event reached the reading client, folded into a later one or, if it fell out of retention, counted in a lag marker")
        .isEqualTo(EVENTS);
    JsonObject streams = introspect().getJsonObject("streams");
    long sentToSlow = streams.getLong("frames") - fast.frames.get();
    assertThat(sentToSlow * (PAYLOAD_BYTES + 100L))
        .as("bytes written to the client that stopped reading, of %d MB published", EVENTS * (long) PAYLOAD_BYTES / 1_000_000)
        .isLessThan(IN_FLIGHT_BOUND_BYTES);

    System.out.printf("not reading: %d frames (%d bytes) in flight; reading client: %d frames, %d folded into them, %d past retention%n", sentToSlow, sentToSlow * (PAYLOAD_BYTES + 100L), fast.frames.get(), fast.coalesced.get(), fast.lagged.get());
    slow.socket.resume();
    await("the slow client catches up").atMost(Duration.ofSeconds(60)).until(() -> slow.lastSeq.get() == last);
    assertThat(slow.lagged.get()).as("it fell out of the bus's retention and was told so").isPositive();
    assertThat(slow.coalesced.get()).as("its backlog was folded").isPositive();
    assertThat(slow.frames.get()).isLessThan(EVENTS / 2);
    assertThat(slow.latestPerZone).as("it ends with the latest event of every zone").isEqualTo(latestPerZone);
    System.out.printf("after resuming: %d frames, %d folded into them, %d seqs past retention%n", slow.frames.get(), slow.coalesced.get(), slow.lagged.get());
    assertThat(introspect().getJsonObject("streams").getLong("coalesced")).isEqualTo(slow.coalesced.get() + fast.coalesced.get());
  }

  @Test
  void shouldNotLetAClientThatStopsReadingHoldUpShutdown() throws Exception {
    Reader slow = connect();
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.hello);
    slow.socket.pause();
    publish(2_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> introspect().getJsonObject("streams").getLong("frames") > 10);
    long started = System.nanoTime();
    service.close();
    serverVertx.close().await(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    serverVertx = Vertx.vertx();
  }

  @Test
  void shouldCloseAClientThatLeavesItsWriteQueueFullPastTheStallBound() throws Exception {
    restartWithAStallBoundOfOneSecond();
    Reader slow = connect();
    Reader fast = connect();
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.hello && fast.hello);
    CompletableFuture<Void> slowClosed = new CompletableFuture<>();
    slow.socket.closeHandler(closed -> slowClosed.complete(null));
    slow.socket.pause();

    publish(3_000);
    await("the stalled client is cut off").atMost(Duration.ofSeconds(60))
        .until(() -> introspect().getJsonObject("streams").getLong("stalled") == 1);
    assertThat(introspect().getJsonObject("streams").getLong("open")).as("only the reading client is left").isEqualTo(1);
    // Read again before the server's closing timeout drops the connection: the close frame waits behind the backlog.
    slow.socket.resume();
    slowClosed.get(60, TimeUnit.SECONDS);
    assertThat(slow.socket.closeStatusCode()).isEqualTo((short) 1008);
    assertThat(slow.socket.closeReason()).startsWith("not reading");
    long before = fast.frames.get() + fast.coalesced.get();
    publish(100);
    await("the reading client still gets events, each as a frame or folded into a later one")
        .atMost(Duration.ofSeconds(30)).until(() -> fast.frames.get() + fast.coalesced.get() >= before + 100);
  }

  @Test
  void shouldCloseAnEventStreamWhoseClientStopsReadingPastTheStallBound() throws Exception {
    restartWithAStallBoundOfOneSecond();
    HttpClient http = clientVertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(4096));
    HttpClientResponse events = http.request(HttpMethod.GET, service.port(), "127.0.0.1", "/api/events?topics=load")
        .compose(request -> request.send()).await(10, TimeUnit.SECONDS);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    events.handler(chunk -> { });
    events.exceptionHandler(failure -> ended.complete(null));
    events.endHandler(end -> ended.complete(null));
    await().atMost(Duration.ofSeconds(10)).until(() -> introspect().getJsonObject("streams").getLong("open") == 1);
    events.pause();

    publish(3_000);
    await("the stalled event stream is cut off").atMost(Duration.ofSeconds(60))
        .until(() -> introspect().getJsonObject("streams").getLong("stalled") == 1);
    assertThat(introspect().getJsonObject("streams").getLong("open")).isZero();
    events.resume();
    ended.get(60, TimeUnit.SECONDS);
  }

  private void restartWithAStallBoundOfOneSecond() throws Exception {
    service.close();
    serverVertx.close().await(10, TimeUnit.SECONDS);
    serverVertx = Vertx.vertx();
    service = RunningService.start(serverVertx, new JsonObject().put("timeScale", 0.001).put("streamStallSeconds", 1));
  }

  /** Publishes {@code count} events of {@value #PAYLOAD_BYTES} bytes round the zones; answers the latest seq per zone. */
  private Map<String, Long> publish(int count) throws Exception {
    Map<String, Long> latestPerZone = new ConcurrentHashMap<>();
    for (int batch = 0; batch < count / 100; batch++) {
      List<Future<JsonObject>> published = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String zone = "z" + (batch * 100 + i) % ZONES;
        JsonObject request = new JsonObject().put("topic", "load").put("zone", zone)
            .put("data", new JsonObject().put("pad", "x".repeat(PAYLOAD_BYTES)));
        published.add(serverVertx.eventBus().<JsonObject>request(BusAddresses.PUBLISH, request).map(reply -> reply.body()));
      }
      for (Future<JsonObject> envelope : published) {
        JsonObject body = envelope.await(10, TimeUnit.SECONDS);
        latestPerZone.merge(body.getString("zone"), body.getLong("seq"), Math::max);
      }
    }
    return latestPerZone;
  }

  private JsonObject introspect() throws Exception {
    return service.client.get("/api/bus/subscriptions").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  private Reader connect() throws Exception {
    Reader reader = new Reader();
    ClientWebSocket socket = sockets.webSocket();
    socket.textMessageHandler(reader::receive);
    reader.socket = socket;
    socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(service.port()).setURI("/api/ws?topics=load"))
        .await(10, TimeUnit.SECONDS);
    return reader;
  }

  /** Counts what one client received; runs on its client event loop. */
  private static final class Reader {
    volatile WebSocket socket;
    volatile boolean hello;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong coalesced = new AtomicLong();
    final AtomicLong lagged = new AtomicLong();
    final AtomicLong lastSeq = new AtomicLong();
    final Map<String, Long> latestPerZone = new ConcurrentHashMap<>();

    void receive(String text) {
      JsonObject frame = new JsonObject(text);
      if ("hello".equals(frame.getString("type"))) {
        hello = true;
      } else if (frame.containsKey("lagged")) {
        lagged.addAndGet(frame.getLong("lagged"));
      } else {
        frames.incrementAndGet();
        coalesced.addAndGet(frame.getLong("coalesced", 0L));
        lastSeq.set(frame.getLong("seq"));
        latestPerZone.merge(frame.getString("zone"), frame.getLong("seq"), Math::max);
      }
    }
  }
}
