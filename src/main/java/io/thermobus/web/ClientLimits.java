package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.config.ThermobusConfig.WebLimits;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The limits on what clients may do: simultaneous connections, and writes per second per client
 * address. Both answer 429 with {@code Retry-After}. The web verticle's event loop owns all state.
 */
final class ClientLimits {

  /** Far more addresses than a home network has; the bound keeps a distributed flood from growing memory. */
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final int maxConnections;
  private final WriteRateLimiter writes;
  private final LongSupplier nanoClock;
  private final Set<HttpConnection> refused = new HashSet<>();
  private int admitted;

  ClientLimits(WebLimits limits, LongSupplier nanoClock) {
    this.maxConnections = limits.maxConnections();
    this.writes = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.nanoClock = nanoClock;
  }

  /** For the server: counts connections and marks those beyond the limit, whose requests are then refused. */
  Handler<HttpConnection> connections() {
    return connection -> {
      if (admitted >= maxConnections) {
        refused.add(connection);
        connection.closeHandler(closed -> refused.remove(connection));
        return;
      }
      admitted++;
      connection.closeHandler(closed -> admitted--);
    };
  }

  /** First handler of every request: a connection beyond the limit gets 429 and is closed. */
  void admit(RoutingContext ctx) {
    if (!refused.contains(ctx.request().connection())) {
      ctx.next();
      return;
    }
    throw Refusal.retryAfter(429, 1, "the server has " + maxConnections + " connections open, its limit; retry later")
        .withHeader(HttpHeaders.CONNECTION.toString(), "close");
  }

  /** Before any write is read: 429 with Retry-After once the client address exceeds its write rate. */
  void limitWrites(RoutingContext ctx) {
    long seconds = writeWaitSeconds(ctx.request().remoteAddress());
    if (seconds == 0) {
      ctx.next();
      return;
    }
    throw Refusal.retryAfter(429, seconds, "too many writes from this client; retry after " + seconds + " s");
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
