package io.thermobus.web;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The Netty channel under an HTTP connection, for the few things Vert.x offers no public way to do:
 * stop reading from a WebSocket, check its frames, close a connection right after its answer.
 */
final class NettyChannel {

  private NettyChannel() {}

  /** Also the channel of a WebSocket upgraded from this connection. */
  static Channel of(HttpConnection connection) {
    return ((ConnectionBase) connection).channel();
  }

  /**
   * Sends what was written and closes: Vert.x would still answer a request pipelined behind one
   * answered with {@code Connection: close}, and drops unflushed answers when it fails a channel.
   */
  static void flushAndClose(HttpConnection connection) {
    of(connection).flush().close();
  }
}
