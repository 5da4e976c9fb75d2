package io.thermobus.stream;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a stream: one JSON text message per frame; closes with 1000 when its subscription
 * ends and 1001 (going away) on shutdown.
 */
public final class WebSocketSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSink.class);
  public static final short NORMAL = 1000;
  public static final short GOING_AWAY = 1001;

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

  @Override
  public void write(long resumeFrom, String json) {
    send(json);
  }

  /** Writes a message that is not a bus frame (a greeting, an answer to input). */
  public void send(String json) {
    socket.writeTextMessage(json).onFailure(failure -> LOG.debug("WebSocket write failed: {}", failure.toString()));
  }

  @Override
  public Future<Void> closeUnsubscribed() {
    return socket.close(NORMAL, "subscription ended");
  }

  @Override
  public Future<Void> closeForShutdown() {
    return socket.close(GOING_AWAY, "server shutting down");
  }
}
