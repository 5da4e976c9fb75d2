package io.thermobus.web;

import io.thermobus.bus.remote.BusException;
import io.thermobus.bus.remote.BusService;
import io.thermobus.stream.StreamStats;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** The bus routes: subscribe, introspect (with the browser streams' counters), drain (long-poll), unsubscribe and publish. */
final class BusApi {

  private final BusService service;
  private final String defaultZone;
  private final StreamStats streams;

  BusApi(BusService service, String defaultZone, StreamStats streams) {
    this.service = service;
    this.defaultZone = defaultZone;
    this.streams = streams;
  }

  void subscribe(RoutingContext ctx) {
    if (!ctx.body().isEmpty() && !JsonBodies.declaresJson(ctx)) {
      Problems.send(ctx, 415, JsonBodies.NOT_JSON);
      return;
    }
    JsonObject request = ctx.body().isEmpty() ? new JsonObject() : JsonBodies.object(ctx);
    if (request != null) {
      answer(ctx, 201, () -> service.subscribe(request));
    }
  }

  void introspect(RoutingContext ctx) {
    ctx.json(service.introspect().put("streams", streams.toJson()));
  }

  void drain(RoutingContext ctx) {
    Long id = id(ctx);
    Integer max = id == null ? null : intParam(ctx, "max", BusService.DEFAULT_BATCH);
    Integer waitMs = max == null ? null : intParam(ctx, "waitMs", 0);
    if (waitMs == null) {
      return;
    }
    service.drain(id, max, waitMs, ctx.vertx().getOrCreateContext())
        .onSuccess(ctx::json)
        .onFailure(failure -> refuse(ctx, failure));
  }

  void unsubscribe(RoutingContext ctx) {
    Long id = id(ctx);
    if (id != null) {
      try {
        service.unsubscribe(id);
        ctx.response().setStatusCode(204).end();
      } catch (BusException e) {
        refuse(ctx, e);
      }
    }
  }

  void publish(RoutingContext ctx) {
    JsonObject request = JsonBodies.object(ctx);
    if (request != null) {
      answer(ctx, 201, () -> service.publish(request, defaultZone));
    }
  }

  private static void answer(RoutingContext ctx, int status, Supplier<JsonObject> operation) {
    BusService.attempt(operation)
        .onSuccess(body -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode()))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private static void refuse(RoutingContext ctx, Throwable failure) {
    if (failure instanceof BusException refused) {
      Problems.send(ctx, refused.status(), refused.getMessage());
    } else {
      ctx.fail(failure);
    }
  }

  /** The path's subscription id; anything that is not an issued id's digits was never issued: 404. */
  private static Long id(RoutingContext ctx) {
    String text = ctx.pathParam("id");
    if (text != null && text.matches("\\d{1,18}")) {
      return Long.parseLong(text);
    }
    Problems.send(ctx, 404, "no subscription '" + text + "' was ever issued");
    return null;
  }

  private static Integer intParam(RoutingContext ctx, String name, int fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    if (text.matches("\\d{1,9}")) {
      return Integer.parseInt(text);
    }
    Problems.send(ctx, 400, "query parameter '" + name + "' must be a whole number, got '" + text + "'");
    return null;
  }
}
