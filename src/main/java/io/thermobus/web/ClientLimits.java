package io.thermobus.web;

import io.thermobus.config.ThermobusConfig.WebLimits;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The limits on what clients may do: simultaneous connections and how long they may wait (see
 * {@link ConnectionSlots}), and writes per second per client address. Both limits answer 429 with
 * {@code Retry-After}. The web verticle's event loop owns all state.
 */
final class ClientLimits {

  /** Far more addresses than a home network has; the bound keeps a distributed flood from growing memory. */
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final int maxConnections;
  private final WriteRateLimiter writes;
  private final LongSupplier nanoClock;
  private final ConnectionSlots<HttpConnection> slots;

  ClientLimits(WebLimits limits, LongSupplier nanoClock) {
    this.maxConnections = limits.maxConnections();
    this.slots = new ConnectionSlots<>(limits.maxConnections(), limits.requestHeaderTimeout().toNanos(),
        limits.idleTimeout().toNanos());
    this.writes = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.nanoClock = nanoClock;
  }

  /**
   * For the server: gives each connection a slot, closing the longest-idle one to make room, or
   * marks it refused when every slot is busy. The close handler does not fire for a connection
   * upgraded to a WebSocket: the socket's own reports it ({@link #closed}).
   */
  Handler<HttpConnection> connections() {
    return connection -> {
      ConnectionSlots.Opened<HttpConnection> opened = slots.open(connection, nanoClock.getAsLong());
      if (opened.evicted() != null) {
        opened.evicted().close();
      }
      connection.closeHandler(closed -> slots.closed(connection));
    };
  }

  /** The connection is now a WebSocket: it keeps its slot, without the idle timeout, until {@link #closed}. */
  void upgraded(HttpConnection connection) {
    slots.upgraded(connection);
  }

  void closed(HttpConnection connection) {
    slots.closed(connection);
  }

  /** Called now and then: closes connections that waited longer than the header or idle timeout. */
  void closeExpired() {
    for (HttpConnection connection : slots.expire(nanoClock.getAsLong())) {
      connection.close();
    }
  }

  /**
   * First handler of every request: a connection beyond the limit gets 429 and is closed; on any
   * other, the request keeps the connection busy (not idle) until its response ends.
   */
  void admit(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    if (!slots.isRefused(connection)) {
      slots.requestStarted(connection);
      ctx.addEndHandler(ended -> slots.requestEnded(connection, nanoClock.getAsLong()));
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close").putHeader(HttpHeaders.RETRY_AFTER, "1");
    Problems.send(ctx, 429, "the server has " + maxConnections + " connections open, its limit; retry later");
    NettyChannel.flushAndClose(connection);
  }

  /** Before any write is read: 429 with Retry-After once the client address exceeds its write rate. */
  void limitWrites(RoutingContext ctx) {
    long seconds = writeWaitSeconds(ctx.request().remoteAddress());
    if (seconds == 0) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    Problems.send(ctx, 429, "too many writes from this client; retry after " + seconds + " s");
  }

  /**
   * Counts one write from the address (REST or WebSocket input) and answers 0 when it may go
   * ahead, else the whole seconds to wait.
   */
  long writeWaitSeconds(SocketAddress address) {
    String client = address == null ? "unknown" : address.hostAddress();
    long wait = writes.acquire(client, nanoClock.getAsLong());
    return wait == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
  }

  /** Called now and then so that clients who stopped writing are forgotten. */
  void sweep() {
    writes.forgetRefilled(nanoClock.getAsLong());
  }
}
