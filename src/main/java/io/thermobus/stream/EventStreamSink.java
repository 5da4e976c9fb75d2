package io.thermobus.stream;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Server-Sent Events response as a stream: {@code id:} is the seq to resume after (what a
 * browser sends back as {@code Last-Event-ID}), {@code data:} the frame.
 */
public final class EventStreamSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventStreamSink.class);

  private final HttpServerResponse response;

  public EventStreamSink(HttpServerResponse response) {
    this.response = response.setWriteQueueMaxSize(StreamPump.WRITE_QUEUE_BYTES);
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public void onWritable(Runnable writable) {
    response.drainHandler(drained -> writable.run());
  }

  @Override
  public void write(EncodedFrames.Frame frame) {
    response.write(frame.eventStream()).onFailure(failure -> LOG.debug("event-stream write failed: {}", failure.toString()));
  }

  /** Writes raw event-stream text (a named event, a keep-alive comment). */
  public void send(String text) {
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
