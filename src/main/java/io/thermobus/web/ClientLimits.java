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
 * address, counted apart for writes that carry the token and those that do not, so that anonymous
 * requests cannot use up the token holder's allowance. Both answer 429 with {@code Retry-After}.
 * The web verticle's event loop owns all state.
 */
final class ClientLimits {

  /** Far more addresses than a home network has; the bound keeps a distributed flood from growing memory. */
  private static final int MAX_TRACKED_CLIENTS = 10_000;

  private final int maxConnections;
  private final WriteRateLimiter writes;
  private final WriteRateLimiter anonymousWrites;
  private final BearerAuth auth;
  private final LongSupplier nanoClock;
  private final Set<HttpConnection> refused = new HashSet<>();
  private int admitted;

  ClientLimits(WebLimits limits, BearerAuth auth, LongSupplier nanoClock) {
    this.maxConnections = limits.maxConnections();
    this.writes = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.anonymousWrites = new WriteRateLimiter(limits.writesPerSecond(), limits.writeBurst(), MAX_TRACKED_CLIENTS);
    this.auth = auth;
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

  private long waitSeconds(WriteRateLimiter limiter, SocketAddress address) {
    String client = address == null ? "unknown" : address.hostAddress();
    long wait = limiter.acquire(client, nanoClock.getAsLong());
    return wait == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
  }

  /** Called now and then so that clients who stopped writing are forgotten. */
  void sweep() {
    writes.forgetRefilled(nanoClock.getAsLong());
    anonymousWrites.forgetRefilled(nanoClock.getAsLong());
  }
}
