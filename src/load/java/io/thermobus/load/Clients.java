package io.thermobus.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * K stream clients of one kind, spread over several loopback source addresses so that their
 * number is not bounded by one address's ephemeral ports. Each counts what it received; latency
 * is publication (the {@code t} the publisher stamped, {@code System.nanoTime}, the same clock in
 * every process of one Linux machine) to receipt.
 */
final class Clients implements AutoCloseable {

  enum Kind { WS, SSE, BRIDGE }

  /** Source addresses; each offers the whole ephemeral port range. */
  private static final int SOURCES = 4;
  private static final int CONNECTING_AT_ONCE = 200;
  /**
   * One client in this many also reads the {@code desired} frames of the REST probe: enough to
   * measure them, few enough that the probe's four writes a second do not multiply the fan-out
   * the run is about (one event per second per client).
   */
  private static final int DESIRED_READER_EVERY = 50;

  final List<Receiver> receivers = new ArrayList<>();
  final Recorder latency = new Recorder(3);
  /** From a {@code PUT desired} to its {@code desired} frame at each client (Thermobus, one zone only). */
  final Recorder desiredFrames = new Recorder(3);
  private final java.util.function.LongSupplier lastPut;
  private final List<WebSocketClient> sockets = new ArrayList<>();
  private final List<HttpClient> https = new ArrayList<>();
  private final List<WebSocket> open = new ArrayList<>();
  private final Vertx vertx;
  private long pinger = -1;

  Clients(Vertx vertx, java.util.function.LongSupplier lastPut) {
    this.vertx = vertx;
    this.lastPut = lastPut;
    for (int i = 0; i < SOURCES; i++) {
      String source = "127.0.0." + (2 + i);
      sockets.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(source).setMaxConnections(100_000)
          .setConnectTimeout(30_000).setClosingTimeout(1)));
      https.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress(source).setConnectTimeout(30_000),
          new PoolOptions().setHttp1MaxSize(100_000)));
    }
  }

  /** Opens {@code k} clients of {@code kind}; client i reads zone {@code zones.get(i % zones.size())}; the first {@code slow} stop reading. */
  void open(Kind kind, int port, int k, List<String> zones, int slow) throws Exception {
    for (int from = 0; from < k; from += CONNECTING_AT_ONCE) {
      List<Future<?>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(k, from + CONNECTING_AT_ONCE); i++) {
        Receiver receiver = new Receiver(zones.get(i % zones.size()), i < slow, latency, desiredFrames, lastPut);
        receivers.add(receiver);
        batch.add(connect(kind, port, receiver, i % SOURCES, zones.size() > 1, i % DESIRED_READER_EVERY == 0));
      }
      Future.all(batch).await(120, TimeUnit.SECONDS);
    }
    if (kind == Kind.BRIDGE) {
      // The bridge closes a socket that sends no ping within its ping timeout (10 s).
      pinger = vertx.setPeriodic(5_000, tick -> open.forEach(ws -> ws.writeTextMessage("{\"type\":\"ping\"}")));
    }
  }

  private Future<?> connect(Kind kind, int port, Receiver receiver, int source, boolean narrowed, boolean readsDesired) {
    String query = narrowed ? "topics=load&zone=" + receiver.zone : readsDesired ? "topics=load,desired" : "topics=load";
    switch (kind) {
      case WS:
        return sockets.get(source).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/ws?" + query))
            .onSuccess(ws -> opened(ws, receiver));
      case BRIDGE:
        return sockets.get(source).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/eventbus/websocket"))
            .onSuccess(ws -> {
              opened(ws, receiver);
              ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "events." + receiver.zone).encode());
            });
      default:
        return https.get(source).request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI("/api/events?" + query))
            .compose(request -> request.send())
            .onSuccess(response -> {
              SseLines lines = new SseLines(receiver::receive);
              response.handler(lines::feed);
              if (receiver.slow) {
                response.pause();
              }
            });
    }
  }

  /** Text and binary messages alike (the bridge sends its frames as binary messages). */
  private void opened(WebSocket ws, Receiver receiver) {
    ws.handler(message -> receiver.receive(message.toString()));
    synchronized (open) {
      open.add(ws);
    }
    if (receiver.slow) {
      ws.pause();
    }
  }

  @Override
  public void close() throws Exception {
    if (pinger >= 0) {
      vertx.cancelTimer(pinger);
    }
    List<Future<?>> closing = new ArrayList<>();
    sockets.forEach(client -> closing.add(client.close()));
    https.forEach(client -> closing.add(client.close()));
    Future.join(closing).await(60, TimeUnit.SECONDS);
  }

  /** Splits an event stream into its {@code data:} payloads. */
  private static final class SseLines {
    private final java.util.function.Consumer<String> data;
    private final StringBuilder pending = new StringBuilder();

    SseLines(java.util.function.Consumer<String> data) {
      this.data = data;
    }

    void feed(Buffer chunk) {
      pending.append(chunk.toString());
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        String event = pending.substring(0, end);
        pending.delete(0, end + 2);
        if (!event.contains("event: ")) {
          int at = event.indexOf("data: ");
          if (at >= 0) {
            data.accept(event.substring(at + 6));
          }
        }
      }
    }
  }
}
