package io.thermobus.web;

import io.netty.channel.Channel;
import io.thermobus.Refusal;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import io.thermobus.stream.EncodedFrames;
import io.thermobus.stream.StreamLanes;
import io.thermobus.stream.StreamPump;
import io.thermobus.stream.StreamStats;
import io.thermobus.stream.WebSocketSink;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/ws?since=SEQ&bus=B&topics=a,b&zone=z}: a WebSocket that carries bus envelopes as
 * JSON text frames from its own bus subscription, and takes the client's input. The first frame is
 * {@code {"type":"hello","bus":B,"next":S,"head":H,"subscription":ID}}: the bus the seqs belong to,
 * the first seq it will send and the socket's own bus subscription (which an operator may delete);
 * a {@code since} from another bus starts at the next event.
 */
final class WebSocketStreams implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketStreams.class);

  private final Vertx vertx;
  private final ZoneCalls zones;
  private final SubscriberBus<JsonObject> bus;
  private final String busId;
  private final BearerAuth auth;
  private final ClientLimits limits;
  private final StreamStats stats;
  private final EncodedFrames frames;
  private final Duration stall;
  private final OpenStreams open;
  private final StreamLanes lanes;
  private final int maxMessageBytes;

  WebSocketStreams(Vertx vertx, ZoneCalls zones, SubscriberBus<JsonObject> bus, String busId, BearerAuth auth,
      ClientLimits limits, StreamStats stats, EncodedFrames frames, Duration stall, OpenStreams open, StreamLanes lanes, int maxMessageBytes) {
    this.vertx = vertx;
    this.zones = zones;
    this.bus = bus;
    this.busId = busId;
    this.auth = auth;
    this.limits = limits;
    this.stats = stats;
    this.frames = frames;
    this.stall = stall;
    this.open = open;
    this.lanes = lanes;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    StreamRequest request = StreamRequest.parse(ctx, null);
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw Refusal.of(426, "this is a WebSocket endpoint; connect with a WebSocket client").withHeader("Upgrade", "websocket");
    }
    HttpConnection connection = ctx.request().connection();
    ctx.request().toWebSocket()
        .onSuccess(socket -> {
          limits.upgraded(connection);
          connected(socket, request, connection);
        })
        .onFailure(failure -> LOG.debug("WebSocket handshake failed: {}", failure.toString()));
  }

  private void connected(ServerWebSocket socket, StreamRequest request, HttpConnection connection) {
    Subscription<JsonObject> subscription = request.subscribe(bus, busId);
    Channel channel = NettyChannel.of(connection);
    WebSocketSink sink = new WebSocketSink(socket, channel);
    WebSocketInbound.watch(socket, channel, sink, maxMessageBytes);
    StreamPump pump = new StreamPump(vertx.getOrCreateContext(), subscription, sink, stats, frames, stall, lanes);
    // Answers to input are dropped while the client is not reading: they must not pile up either.
    StreamInput input = new StreamInput(zones, auth, () -> limits.writeWaitSeconds(socket.remoteAddress()), reply -> {
      if (!sink.writeQueueFull()) {
        sink.send(reply.encode());
      }
    });
    open.add(sink);
    // However it closes (by either side, or the TCP connection dropping): its connection slot is freed here.
    socket.closeHandler(closed -> {
      limits.closed(connection);
      open.remove(sink);
      pump.close();
    });
    socket.exceptionHandler(failure -> LOG.debug("WebSocket failed: {}", failure.toString()));
    socket.textMessageHandler(input::receive);
    socket.binaryMessageHandler(binary -> input.receiveBinary());
    sink.send(new JsonObject().put("type", "hello").put("bus", busId).put("next", subscription.info().next()).put("head", bus.head())
        .put("subscription", subscription.info().id()).encode());
    pump.start();
  }
}
