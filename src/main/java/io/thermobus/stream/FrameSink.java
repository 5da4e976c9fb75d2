package io.thermobus.stream;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Where a stream connection writes its frames: a WebSocket or a Server-Sent Events response.
 * Used only on the connection's event loop.
 */
public interface FrameSink {

  /** Whether the transport's outbound buffer is over its bound. */
  boolean writeQueueFull();

  /** Calls {@code writable} once the outbound buffer has drained enough to write again. */
  void onWritable(Runnable writable);

  /** Writes one frame, in this transport's form; it is sent by the next {@link #flush}. */
  void write(EncodedFrames.Frame frame);

  /** Sends the frames written since the last flush, in one write to the socket where the transport allows. */
  void flush();

  /** Ends the connection because its bus subscription was unsubscribed (from the bus API). */
  Future<Void> closeUnsubscribed();

  /** Ends the connection because its client left the write queue full for {@code stall}. */
  Future<Void> closeStalled(Duration stall);

  /** Ends the connection because the server stops. */
  Future<Void> closeForShutdown();
}
