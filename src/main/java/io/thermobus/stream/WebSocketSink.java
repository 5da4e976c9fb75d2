package io.thermobus.stream;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Duration;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a stream: one JSON text message per frame; closes with 1000 when its subscription
 * ends, 1001 (going away) on shutdown and 1008 when its client stopped reading.
 */
public final class WebSocketSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSink.class);
  public static final short NORMAL = 1000;
  public static final short GOING_AWAY = 1001;
  public static final short POLICY_VIOLATION = 1008;

  private final ServerWebSocket socket;

  public WebSocketSink(ServerWebSocket socket) {
    this.socket = socket.setWriteQueueMaxSize(StreamPump.WRITE_QUEUE_BYTES);
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public void onWritable(Runnable writable) {
    socket.drainHandler(drained -> writable.run());
  }

  /**
   * Vert.x's public frame factory takes text as a {@code String} and encodes it again; the frame
   * built here over the shared buffer's bytes is written as a slice of them (an unpooled heap
   * buffer is not copied).
   */
  @Override
  public void write(EncodedFrames.Frame frame) {
    ByteBuf shared = ((BufferInternal) frame.json()).getByteBuf();
    socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, shared, true))
        .onFailure(failure -> LOG.debug("WebSocket write failed: {}", failure.toString()));
  }

  /** Writes a message that is not a bus frame (a greeting, an answer to input). */
  public void send(String json) {
    socket.writeTextMessage(json).onFailure(failure -> LOG.debug("WebSocket write failed: {}", failure.toString()));
  }

  @Override
  public Future<Void> closeUnsubscribed() {
    return socket.close(NORMAL, "subscription ended");
  }

  /** The close frame waits behind the full queue; the server's closing timeout then drops the TCP connection. */
  @Override
  public Future<Void> closeStalled(Duration stall) {
    return socket.close(POLICY_VIOLATION, "not reading: write queue full for " + stall.toSeconds() + " s");
  }

  @Override
  public Future<Void> closeForShutdown() {
    return socket.close(GOING_AWAY, "server shutting down");
  }
}
