package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may use the API: the service's own, and those configured for CORS. A
 * request without an {@code Origin} header does not come from a cross-site page and is accepted.
 * Immutable; shared by the HTTP routes and the WebSocket upgrade, which must refuse foreign pages.
 */
final class OriginPolicy {

  private final Set<String> allowed;

  OriginPolicy(List<String> corsOrigins) {
    this.allowed = corsOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Early route: an upgrade from a page of a foreign origin is refused (cross-site WebSocket
   * hijacking: browsers let any page open a socket to any host). Any {@code Upgrade} header counts,
   * whatever its value and however many there are, so no spelling slips past.
   */
  void refuseForeignUpgrades(RoutingContext ctx) {
    if (!ctx.request().headers().contains(HttpHeaders.UPGRADE) || accepts(ctx.request())) {
      ctx.next();
      return;
    }
    throw Refusal.of(403, "WebSocket connections from pages of another origin are refused");
  }

  /**
   * Before any write: one from a page of a foreign origin is refused (403), as browsers would
   * otherwise let any site send it with the user's network position. With CORS on, the listed
   * origins pass.
   */
  void refuseForeignWrites(RoutingContext ctx) {
    if (!accepts(ctx.request())) {
      throw Refusal.of(403, "writes from pages of another origin are refused");
    }
    ctx.next();
  }

  boolean accepts(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    return origin == null || isSameOrigin(request, origin) || allowed.contains(origin.toLowerCase(Locale.ROOT));
  }

  /** The page was served by this service: its origin is this request's scheme and Host. */
  static boolean isSameOrigin(HttpServerRequest request, String origin) {
    String host = request.getHeader(HttpHeaders.HOST);
    return host != null && origin.equalsIgnoreCase(request.scheme() + "://" + host);
  }
}
