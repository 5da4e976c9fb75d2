package io.thermobus.stream;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket as a stream: one JSON text message per frame, each frame's bytes encoded once for
 * every connection and written at the head of the pipeline ({@link ChannelHead}), flushed once per
 * batch (Vert.x flushes every frame it writes outside a read, one syscall each); closes with 1000 when its subscription
 * ends, 1001 (going away) on shutdown and 1008 when its client stopped reading. While its write
 * queue is full it stops reading from the client: every frame the client sends may add one to the
 * queue (a ping its pong, input its answer), so a client that sends without reading holds at most
 * one queue's worth, as TCP's own flow control would. Used only on the connection's event loop.
 */
public final class WebSocketSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSink.class);
  public static final short NORMAL = 1000;
  public static final short GOING_AWAY = 1001;
  public static final short POLICY_VIOLATION = 1008;

  private final ServerWebSocket socket;
  private final ChannelHead channel;
  private boolean reading = true;

  /**
   * @param channel the socket's Netty channel, whose reading this turns off and on, and to which
   *                it writes its frames; its write-buffer water marks are the write queue's bound
   */
  public WebSocketSink(ServerWebSocket socket, Channel channel) {
    this.socket = socket.setWriteQueueMaxSize(StreamPump.WRITE_QUEUE_BYTES);
    this.channel = new ChannelHead(channel, this::readAgain);
    socket.drainHandler(drained -> this.channel.drained());
  }

  /**
   * For every frame the client sends: stops reading from it while the write queue is full. Frames
   * still arrive after the socket closed (the client's answer to our close frame), with nothing
   * left to protect.
   */
  public void received() {
    if (reading && !socket.isClosed() && writeQueueFull()) {
      reading = false;
      readFromClient(false);
    }
  }

  private void readAgain() {
    if (!reading) {
      reading = true;
      readFromClient(true);
    }
  }

  /**
   * Turns reading from the TCP connection off or on. {@code pause()} cannot do it: Vert.x answers a
   * ping with a pong as it decodes it, before its paused queue, and lets pings through a pause; so
   * this sets the Netty channel's auto-read.
   */
  private void readFromClient(boolean on) {
    channel.read(on);
  }

  /**
   * Full when the channel's buffer is over its high water mark, or Vert.x's own queue is. A closed
   * socket counts as full (Vert.x throws when asked): nothing more is written to it, and its close
   * handler ends the stream.
   */
  @Override
  public boolean writeQueueFull() {
    return socket.isClosed() || channel.full() || socket.writeQueueFull();
  }

  @Override
  public void onWritable(Runnable writable) {
    channel.onWritable(writable);
  }

  @Override
  public void write(EncodedFrames.Frame frame) {
    channel.write(frame.webSocket());
  }

  @Override
  public void flush() {
    channel.flush();
  }
  /** Writes a message that is not a bus frame (a greeting, an answer to input), after what is pending. */
  public void send(String json) {
    flush();
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
