package io.thermobus.stream;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Server-Sent Events response as a stream: {@code id:} is the seq to resume after (what a
 * browser sends back as {@code Last-Event-ID}), {@code data:} the frame. Each frame is one chunk
 * of the chunked response, its bytes encoded once for every connection and written at the head of
 * the pipeline ({@link ChannelHead}), flushed once per batch. Used only on the connection's event
 * loop.
 */
public final class EventStreamSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventStreamSink.class);

  private final HttpServerResponse response;
  private final ChannelHead channel;

  /**
   * @param response a chunked HTTP/1.1 response whose head has been written: the frames written at
   *                 the channel's head follow it
   * @param channel  the response's Netty channel; its write-buffer water marks are the write queue's bound
   */
  public EventStreamSink(HttpServerResponse response, Channel channel) {
    if (!response.isChunked() || !response.headWritten()) {
      throw new IllegalStateException("an event stream needs a chunked response with its head written");
    }
    this.response = response.setWriteQueueMaxSize(StreamPump.WRITE_QUEUE_BYTES);
    this.channel = new ChannelHead(channel, () -> {});
    response.drainHandler(drained -> this.channel.drained());
  }

  /**
   * An ended or closed response counts as full: nothing more is written to it. Once ended, its
   * connection may carry the client's next request, which a frame written after the last chunk
   * would garble.
   */
  @Override
  public boolean writeQueueFull() {
    return response.ended() || response.closed() || channel.full() || response.writeQueueFull();
  }

  @Override
  public void onWritable(Runnable writable) {
    channel.onWritable(writable);
  }

  @Override
  public void write(EncodedFrames.Frame frame) {
    channel.write(frame.eventStream());
  }

  @Override
  public void flush() {
    channel.flush();
  }

  /** Writes raw event-stream text (a keep-alive comment) after what is pending, unless the response has ended. */
  public void send(String text) {
    if (response.ended()) {
      return;
    }
    flush();
    response.write(text).onFailure(failure -> LOG.debug("event-stream write failed: {}", failure.toString()));
  }

  @Override
  public Future<Void> closeUnsubscribed() {
    return response.end();
  }

  /** Nothing more can reach a client that does not read: the connection is closed, not ended. */
  @Override
  public Future<Void> closeStalled(Duration stall) {
    return response.reset();
  }

  @Override
  public Future<Void> closeForShutdown() {
    return response.end();
  }
}
