package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.bus.remote.BusCaller;
import io.thermobus.bus.remote.BusService;
import io.thermobus.stream.StreamStats;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The bus routes: subscribe, introspect (with the browser streams' counters), drain (long-poll), unsubscribe and publish. */
final class BusApi {

  private final BusService service;
  private final BearerAuth auth;
  private final String defaultZone;
  private final StreamStats streams;

  BusApi(BusService service, BearerAuth auth, String defaultZone, StreamStats streams) {
    this.service = service;
    this.auth = auth;
    this.defaultZone = defaultZone;
    this.streams = streams;
  }

  void subscribe(RoutingContext ctx) {
    JsonObject request = new JsonObject();
    if (!ctx.body().isEmpty()) {
      JsonBodies.requireJson(ctx);
      request = JsonBodies.object(ctx);
    }
    created(ctx, service.subscribe(request));
  }

  void introspect(RoutingContext ctx) {
    String after = ctx.queryParams().get("after");
    if (after != null && !after.matches("\\d{1,18}")) {
      throw Refusal.badRequest("query parameter 'after' must be a subscription id, got '" + after + "'");
    }
    JsonObject page = service.introspect(after == null ? -1 : Long.parseLong(after), intParam(ctx, "limit", BusService.DEFAULT_PAGE));
    ctx.json(page.put("streams", streams.toJson()));
  }

  void drain(RoutingContext ctx) {
    long id = id(ctx);
    int max = intParam(ctx, "max", BusService.DEFAULT_BATCH);
    int waitMs = intParam(ctx, "waitMs", 0);
    service.drain(id, caller(ctx), max, waitMs, ctx.vertx().getOrCreateContext()).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void unsubscribe(RoutingContext ctx) {
    service.unsubscribe(id(ctx), caller(ctx));
    ctx.response().setStatusCode(204).end();
  }

  void publish(RoutingContext ctx) {
    created(ctx, service.publish(JsonBodies.object(ctx), defaultZone));
  }

  private static void created(RoutingContext ctx, JsonObject body) {
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** The bearer credential: the service's token (the operator), else maybe the subscription's secret. */
  private BusCaller caller(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    return auth.accepts(authorization) ? BusCaller.asOperator() : BusCaller.showing(BearerAuth.credential(authorization));
  }

  /** The path's subscription id; anything that is not an issued id's digits was never issued: 404. */
  private static long id(RoutingContext ctx) {
    String text = ctx.pathParam("id");
    if (text != null && text.matches("\\d{1,18}")) {
      return Long.parseLong(text);
    }
    throw Refusal.of(404, "no subscription '" + text + "' was ever issued");
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    if (text.matches("\\d{1,9}")) {
      return Integer.parseInt(text);
    }
    throw Refusal.badRequest("query parameter '" + name + "' must be a whole number, got '" + text + "'");
  }
}
