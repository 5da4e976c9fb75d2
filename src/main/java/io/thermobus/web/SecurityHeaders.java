package io.thermobus.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * The browser-facing policy on every response: a Content-Security-Policy that allows only this
 * origin and no framing, no MIME sniffing, no referrer; and CORS only for the configured origins.
 */
final class SecurityHeaders {

  static final String CSP_HEADER = "Content-Security-Policy";
  static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** Mounts the policy on every route; call before any other route is added. */
  static void mount(Router router, List<String> corsOrigins) {
    router.route().handler(ctx -> {
      apply(ctx.response());
      ctx.next();
    });
    if (!corsOrigins.isEmpty()) {
      CorsHandler cors = CorsHandler.create()
          .addOrigins(corsOrigins)
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID"))
          .maxAgeSeconds(600);
      // Browsers send Origin on the dashboard's own writes too; those are not cross-site.
      router.route().handler(ctx -> {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && OriginPolicy.isSameOrigin(ctx.request(), origin)) {
          ctx.next();
        } else {
          cors.handle(ctx);
        }
      });
    }
  }

  /**
   * Puts the policy on one response, unless a route already set its own Content-Security-Policy:
   * also for answers given before or without the router (refused connections, undecodable requests).
   */
  static void apply(HttpServerResponse response) {
    if (response.headers().contains(CSP_HEADER)) {
      return;
    }
    response.putHeader(CSP_HEADER, POLICY)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
  }
}
