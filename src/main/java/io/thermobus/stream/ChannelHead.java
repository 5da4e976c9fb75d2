package io.thermobus.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes a stream connection's shared frames at the head of its Netty pipeline: a view of bytes
 * already in their wire form goes to the socket as it is, past Vert.x's and Netty's per-message
 * encoders, which would build the same framing again for every connection and copy the payload on
 * the way. Only for bytes that need no handler: the service speaks plain HTTP/1.1 (no TLS, no
 * HTTP/2) and offers no WebSocket compression. What Vert.x itself writes on the connection
 * (greetings, answers, the end of a response) still goes its usual way, and on the event loop both
 * reach the socket in the order they were written.
 *
 * <p>Writes bypass Vert.x's queue, so its drain handler does not fire for them: the channel's own
 * write-buffer water marks are the bound, and a handler placed first in the pipeline reports when
 * the channel is writable again. Used only on the connection's event loop.
 */
final class ChannelHead {

  private final Channel channel;
  /** The context of this class's own handler, the first of the pipeline: what it writes goes straight to the socket. */
  private final ChannelHandlerContext head;
  /** Runs on every drain, before the waiting callback (a sink's own step, such as reading again). */
  private final Runnable onDrained;
  /** Called once the outbound buffer drains, then forgotten; or {@code null}. */
  private Runnable waiting;
  private boolean unflushed;

  /** @param onDrained run each time the channel's outbound buffer (or Vert.x's queue, see {@link #drained}) drains */
  ChannelHead(Channel channel, Runnable onDrained) {
    this.channel = channel;
    this.onDrained = onDrained;
    ChannelInboundHandlerAdapter watcher = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
          drained();
        }
        ctx.fireChannelWritabilityChanged();
      }
    };
    channel.pipeline().addFirst(watcher);
    this.head = channel.pipeline().context(watcher);
  }

  /** Calls {@code writable} once, at the next drain. */
  void onWritable(Runnable writable) {
    this.waiting = writable;
  }

  /** The channel drained below its low water mark, or Vert.x's own queue did (the sink's drain handler says so). */
  void drained() {
    onDrained.run();
    Runnable writable = waiting;
    waiting = null;
    if (writable != null) {
      writable.run();
    }
  }

  /** Whether the channel's outbound buffer is over its high water mark. */
  boolean full() {
    return !channel.isWritable();
  }

  /**
   * Writes a retained view of {@code shared}, counted against the water marks like any write; it
   * is sent by the next {@link #flush}. A failed write fails the channel, whose close handler ends
   * the stream.
   */
  void write(ByteBuf shared) {
    head.write(shared.retainedDuplicate(), channel.voidPromise());
    unflushed = true;
  }

  /** Sends what was written since the last flush, in one write to the socket. */
  void flush() {
    if (unflushed) {
      unflushed = false;
      head.flush();
    }
  }

  /** Turns reading from the TCP connection off or on, as Vert.x's own flow control does. */
  void read(boolean on) {
    channel.config().setAutoRead(on);
  }
}
