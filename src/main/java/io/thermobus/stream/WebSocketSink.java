package io.thermobus.stream;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a stream: one JSON text message per frame; closes with 1000 when its subscription
 * ends and 1001 (going away) on shutdown. While its write queue is full it stops reading from the
 * client: every frame the client sends may add one to the queue (a ping its pong, input its
 * answer), so a client that sends without reading holds at most one queue's worth, as TCP's own
 * flow control would. Used only on the connection's event loop.
 */
public final class WebSocketSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSink.class);
  public static final short NORMAL = 1000;
  public static final short GOING_AWAY = 1001;

  private final ServerWebSocket socket;
  private final Channel channel;
  private Runnable writable;
  private boolean reading = true;

  /** @param channel the socket's Netty channel, whose reading this turns off and on */
  public WebSocketSink(ServerWebSocket socket, Channel channel) {
    this.socket = socket.setWriteQueueMaxSize(StreamPump.WRITE_QUEUE_BYTES);
    this.channel = channel;
    socket.drainHandler(drained -> drained());
  }

  /**
   * For every frame the client sends: stops reading from it while the write queue is full. Frames
   * still arrive after the socket closed (the client's answer to our close frame), with nothing
   * left to protect.
   */
  public void received() {
    if (reading && !socket.isClosed() && socket.writeQueueFull()) {
      reading = false;
      readFromClient(false);
    }
  }

  private void drained() {
    if (!reading) {
      reading = true;
      readFromClient(true);
    }
    Runnable waiting = writable;
    writable = null;
    if (waiting != null) {
      waiting.run();
    }
  }

  /**
   * Turns reading from the TCP connection off or on. {@code pause()} cannot do it: Vert.x answers a
   * ping with a pong as it decodes it, before its paused queue, and lets pings through a pause; so
   * this sets the Netty channel's auto-read, as Vert.x's own flow control does.
   */
  private void readFromClient(boolean on) {
    channel.config().setAutoRead(on);
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public void onWritable(Runnable writable) {
    this.writable = writable;
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
