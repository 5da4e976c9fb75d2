package io.thermobus.stream;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
  /** The frames written since the last flush (at most one batch), or {@code null}. */
  private Buffer pending;
  /** Whether {@code pending} is this sink's own copy; else it is a shared frame, never to be appended to. */
  private boolean ownsPending;

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

  /** A batch goes out as one chunk: one write to the socket, however many frames it holds. */
  @Override
  public void write(EncodedFrames.Frame frame) {
    Buffer bytes = frame.eventStream();
    if (pending == null) {
      pending = bytes;
      ownsPending = false;
      return;
    }
    if (!ownsPending) {
      pending = Buffer.buffer(2 * (pending.length() + bytes.length())).appendBuffer(pending);
      ownsPending = true;
    }
    pending.appendBuffer(bytes);
  }

  @Override
  public void flush() {
    if (pending != null) {
      Buffer batch = pending;
      pending = null;
      response.write(batch).onFailure(failure -> LOG.debug("event-stream write failed: {}", failure.toString()));
    }
  }

  /** Writes raw event-stream text (a named event, a keep-alive comment) after what is pending. */
  public void send(String text) {
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
