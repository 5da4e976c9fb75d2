package io.thermobus.web;

import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import io.thermobus.stream.EventStreamSink;
import io.thermobus.stream.EncodedFrames;
import io.thermobus.stream.StreamLanes;
import io.thermobus.stream.StreamPump;
import io.thermobus.stream.StreamStats;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /api/events?topics=a,b&zone=z}: Server-Sent Events from the client's own bus
 * subscription; resumes after {@code Last-Event-ID} (or from {@code since}). Starts with a
 * {@code hello} event carrying {@code {"bus","next","head","subscription"}} and sends a comment every 15 s so idle
 * proxies keep the connection.
 */
final class EventStreams implements Handler<RoutingContext> {

  static final long KEEP_ALIVE_MILLIS = 15_000;
  private static final long RETRY_MILLIS = 2_000;

  private final Vertx vertx;
  private final SubscriberBus<JsonObject> bus;
  private final String busId;
  private final StreamStats stats;
  private final EncodedFrames frames;
  private final Duration stall;
  private final OpenStreams open;
  private final StreamLanes lanes;

  EventStreams(Vertx vertx, SubscriberBus<JsonObject> bus, String busId, StreamStats stats, EncodedFrames frames, Duration stall, OpenStreams open, StreamLanes lanes) {
    this.vertx = vertx;
    this.bus = bus;
    this.busId = busId;
    this.stats = stats;
    this.frames = frames;
    this.stall = stall;
    this.open = open;
    this.lanes = lanes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    StreamRequest request = StreamRequest.parse(ctx, ctx.request().getHeader("Last-Event-ID"));
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("X-Accel-Buffering", "no");
    Subscription<JsonObject> subscription = request.subscribe(bus, busId);
    JsonObject hello = new JsonObject().put("bus", busId).put("next", subscription.info().next()).put("head", bus.head())
        .put("subscription", subscription.info().id());
    // The head and the greeting go first: the stream's frames are chunks written after them.
    response.write("retry: " + RETRY_MILLIS + "\nevent: hello\ndata: " + hello.encode() + "\n\n");
    EventStreamSink sink = new EventStreamSink(response, NettyChannel.of(ctx.request().connection()));
    StreamPump pump = new StreamPump(vertx.getOrCreateContext(), subscription, sink, stats, frames, stall, lanes);
    long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, tick -> sink.send(":\n\n"));
    open.add(sink);
    Runnable finished = () -> {
      vertx.cancelTimer(keepAlive);
      open.remove(sink);
      pump.close();
    };
    // Closed by the client, or ended by the server (shutdown, unsubscribed) on a connection that stays open.
    response.closeHandler(closed -> finished.run());
    response.endHandler(ended -> finished.run());
    pump.start();
  }
}
