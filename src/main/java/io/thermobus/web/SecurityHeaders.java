package io.thermobus.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.XFrameHandler;
import java.util.List;
import java.util.Set;

/**
 * The browser-facing policy on every response: a Content-Security-Policy that allows only this
 * origin and no framing, no MIME sniffing, no referrer; and CORS only for the configured origins.
 */
final class SecurityHeaders {

  static final String NOSNIFF_HEADER = "X-Content-Type-Options";
  static final String NOSNIFF = "nosniff";

  private SecurityHeaders() {}

  /** Mounts the policy on every route; call before any other route is added. */
  static void mount(Router router, List<String> corsOrigins) {
    router.route().handler(CSPHandler.create()
        .setDirective("default-src", "'self'")
        .setDirective("object-src", "'none'")
        .setDirective("base-uri", "'none'")
        .setDirective("form-action", "'self'")
        .setDirective("frame-ancestors", "'none'"));
    router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
    router.route().handler(plainHeaders());
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

  private static Handler<RoutingContext> plainHeaders() {
    return ctx -> {
      ctx.response().putHeader(NOSNIFF_HEADER, NOSNIFF).putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    };
  }
}
