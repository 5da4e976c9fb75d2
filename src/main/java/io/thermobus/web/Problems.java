package io.thermobus.web;

import io.vertx.core.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details: every error the API answers, and nothing else, goes through here. */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext ctx, int status, String detail) {
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
