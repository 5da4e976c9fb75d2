package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.config.WebLimits;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The limits on what clients may do: simultaneous connections and how long they may wait (see
 * {@link ConnectionSlots}), and writes per second per client address, counted apart for writes
 * that carry the token and those that do not, so that anonymous requests cannot use up the token
 * holder's allowance. Both limits answer 429 with {@code Retry-After}. One instance is shared by
 * the web verticle's instances, whose connections live on several event loops: all state is
 * guarded by this object's monitor, held only for the bookkeeping, never while a handler runs.
 */
final class ClientLimits {

  /** Far more addresses than a home network has; the bound keeps a distributed flood from growing memory. */
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final int maxConnections;
  private final WriteRateLimiter writes;
  private final WriteRateLimiter anonymousWrites;
  private final BearerAuth auth;
  private final LongSupplier nanoClock;
  private final ConnectionSlots<HttpConnection> slots;

  ClientLimits(WebLimits limits, BearerAuth auth, LongSupplier nanoClock) {
    this.maxConnections = limits.maxConnections();
    this.slots = new ConnectionSlots<>(limits.maxConnections(), limits.requestHeaderTimeout().toNanos(),
        limits.idleTimeout().toNanos());
    this.writes = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.anonymousWrites = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.auth = auth;
    this.nanoClock = nanoClock;
  }

  /**
   * For the server: gives each connection a slot, closing the longest-idle one to make room, or
   * marks it refused when every slot is busy. The close handler does not fire for a connection
   * upgraded to a WebSocket: the socket's own reports it ({@link #closed}).
   */
  Handler<HttpConnection> connections() {
    return connection -> {
      HttpConnection evicted = open(connection);
      if (evicted != null) {
        evicted.close();
      }
      connection.closeHandler(closed -> closed(connection));
    };
  }

  private synchronized HttpConnection open(HttpConnection connection) {
    return slots.open(connection, nanoClock.getAsLong()).evicted();
  }

  /** The connection is now a WebSocket: it keeps its slot, without the idle timeout, until {@link #closed}. */
  synchronized void upgraded(HttpConnection connection) {
    slots.upgraded(connection);
  }

  synchronized void closed(HttpConnection connection) {
    slots.closed(connection);
  }

  /** Called now and then: closes connections that waited longer than the header or idle timeout. */
  void closeExpired() {
    List<HttpConnection> expired;
    synchronized (this) {
      expired = slots.expire(nanoClock.getAsLong());
    }
    expired.forEach(HttpConnection::close);
  }

  /**
   * First handler of every request: a connection beyond the limit gets 429 and is closed; on any
   * other, the request keeps the connection busy (not idle) until its response ends.
   */
  void admit(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    if (started(connection)) {
      ctx.addEndHandler(ended -> ended(connection));
      ctx.next();
      return;
    }
    throw Refusal.retryAfter(429, 1, "the server has " + maxConnections + " connections open, its limit; retry later")
        .withHeader(HttpHeaders.CONNECTION.toString(), "close");
  }

  /** Whether the connection has a slot; if so, it is busy until {@link #ended}. */
  private synchronized boolean started(HttpConnection connection) {
    if (slots.isRefused(connection)) {
      return false;
    }
    slots.requestStarted(connection);
    return true;
  }

  private synchronized void ended(HttpConnection connection) {
    slots.requestEnded(connection, nanoClock.getAsLong());
  }

  /**
   * Before any write is read: 429 with Retry-After once the client address exceeds its write
   * rate, writes with the token and writes without it each against their own allowance.
   */
  void limitWrites(RoutingContext ctx) {
    boolean authenticated = auth.accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    long seconds = waitSeconds(authenticated ? writes : anonymousWrites, ctx.request().remoteAddress());
    if (seconds == 0) {
      ctx.next();
      return;
    }
    throw Refusal.retryAfter(429, seconds, "too many writes from this client; retry after " + seconds + " s");
  }

  /**
   * Counts one write with the token from the address (WebSocket input, whose frames carry it) and
   * answers 0 when it may go ahead, else the whole seconds to wait.
   */
  long writeWaitSeconds(SocketAddress address) {
    return waitSeconds(writes, address);
  }

  private synchronized long waitSeconds(WriteRateLimiter limiter, SocketAddress address) {
    String client = address == null ? "unknown" : address.hostAddress();
    long wait = limiter.acquire(client, nanoClock.getAsLong());
    return wait == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
  }

  /** Called now and then so that clients who stopped writing are forgotten. */
  synchronized void sweep() {
    writes.forgetRefilled(nanoClock.getAsLong());
    anonymousWrites.forgetRefilled(nanoClock.getAsLong());
  }
}
