package io.thermobus.web;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The Netty channel under an HTTP connection, for the few things Vert.x offers no public way to do:
 * stop reading from a WebSocket, check its frames, flush an answer before Vert.x drops the channel.
 */
final class NettyChannel {

  private NettyChannel() {}

  /** Also the channel of a WebSocket upgraded from this connection. */
  static Channel of(HttpConnection connection) {
    return ((ConnectionBase) connection).channel();
  }
}
