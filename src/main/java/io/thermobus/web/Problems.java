package io.thermobus.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.thermobus.Refusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem details: every error the API answers, and nothing else, goes through here.
 * Routes refuse by throwing (or failing with) a {@link Refusal}; {@link #mount} is the one place
 * that turns it, and the router's own failures (no route, wrong method, body too large), into a
 * problem, so a new route cannot forget a case.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Installs the failure handler and the router's error answers; call once, after the routes. */
  static void mount(Router router) {
    router.route().failureHandler(ctx -> {
      if (ctx.failure() instanceof Refusal refusal) {
        send(ctx, refusal);
      } else {
        ctx.next();
      }
    });
    router.errorHandler(400, ctx -> send(ctx, 400, "the request is malformed"));
    router.errorHandler(403, ctx -> send(ctx, 403, "this origin is not allowed to call the API"));
    router.errorHandler(404, ctx -> send(ctx, 404, "nothing at " + ctx.request().path()));
    router.errorHandler(405, ctx -> send(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> send(ctx, 413, "the body is larger than the limit"));
    router.errorHandler(415, ctx -> send(ctx, 415, "unsupported media type"));
    router.errorHandler(500, ctx -> {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      send(ctx, 500, "the server failed to handle this request; it has been logged");
    });
  }

  /**
   * A refusal that says {@code Connection: close} also closes the connection once its answer is
   * flushed, so no request pipelined behind it is read.
   */
  static void send(RoutingContext ctx, Refusal refusal) {
    refusal.headers().forEach(ctx.response()::putHeader);
    send(ctx.request(), refusal.status(), refusal.detail());
    if ("close".equalsIgnoreCase(refusal.headers().get(HttpHeaders.CONNECTION.toString()))) {
      NettyChannel.flushAndClose(ctx.request().connection());
    }
  }

  private static void send(RoutingContext ctx, int status, String detail) {
    send(ctx.request(), status, detail);
  }

  /** For requests that never reach the router, such as those the HTTP decoder refused. */
  public static void send(HttpServerRequest request, int status, String detail) {
    if (request.response().ended() || request.response().closed()) {
      return;
    }
    JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
        .put("status", status)
        .put("detail", detail);
    if (request.path() != null) {
      problem.put("instance", request.path());
    }
    SecurityHeaders.apply(request.response());
    request.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(problem.encode());
  }
}
