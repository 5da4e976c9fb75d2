package io.thermobus.web;

import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.Addresses;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneState;
import io.thermobus.input.InputVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.LongSupplier;

/** The zone routes: read a zone's state and history and set its desired temperature, over the event bus. */
final class ZoneApi {

  private static final int DEFAULT_HISTORY_SECONDS = 600;
  private static final int MAX_HISTORY_SECONDS = 3600;
  private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final List<String> zones;
  private final LongSupplier busHead;
  private final ZoneOwnership ownership;

  /**
   * {@code busHead} stamps each state with the bus seq it was read at, so a reader can resume from
   * the next; {@code ownership} names each zone's owner.
   */
  ZoneApi(Vertx vertx, List<String> zones, LongSupplier busHead, ZoneOwnership ownership) {
    this.vertx = vertx;
    this.zones = List.copyOf(zones);
    this.busHead = busHead;
    this.ownership = ownership;
  }

  void list(RoutingContext ctx) {
    Future.all(zones.stream().map(this::state).toList())
        .onSuccess(all -> {
          JsonArray states = new JsonArray();
          for (int i = 0; i < all.size(); i++) {
            states.add(all.<JsonObject>resultAt(i));
          }
          ctx.json(new JsonObject().put("zones", states));
        })
        .onFailure(failure -> {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
          Problems.send(ctx, 503, "a zone did not answer in time; try again");
        });
  }

  void get(RoutingContext ctx) {
    String zone = zone(ctx);
    if (zone != null) {
      state(zone).onSuccess(ctx::json).onFailure(failure -> fail(ctx, failure));
    }
  }

  void putDesired(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    BigDecimal celsius = body == null ? null : JsonBodies.finiteNumber(ctx, body, "celsius");
    String zone = celsius == null ? null : zone(ctx);
    if (zone == null) {
      return;
    }
    vertx.eventBus().request(Addresses.setDesired(zone), new SetDesired(zone, celsius, "rest"), REQUEST)
        .compose(applied -> state(zone))
        .onSuccess(ctx::json)
        .onFailure(failure -> fail(ctx, failure));
  }

  /** {@code GET /api/zones/{zone}/history?seconds=N}: the chart's samples of the last N seconds. */
  void history(RoutingContext ctx) {
    Integer seconds = historySeconds(ctx);
    String zone = seconds == null ? null : zone(ctx);
    if (zone == null) {
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.history(zone), seconds, REQUEST)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(failure -> fail(ctx, failure));
  }

  /**
   * Asks the zone's display for its state; fails with NO_HANDLERS when the zone is unknown. A zone
   * that answers is online.
   */
  Future<JsonObject> state(String zone) {
    long seq = busHead.getAsLong();
    return vertx.eventBus().<ZoneState>request(Addresses.zoneState(zone), null, REQUEST)
        .map(reply -> toJson(reply.body()).put("seq", seq).put("owner", ownership.owner(zone)).put("online", true));
  }

  static JsonObject toJson(ZoneState state) {
    return new JsonObject()
        .put("zone", state.zone())
        .put("temperature", state.temperature())
        .put("desired", state.desired())
        .put("heaterOn", state.heaterOn())
        .put("input", state.input())
        .put("fault", state.fault())
        .put("at", state.at().toString());
  }

  private static String zone(RoutingContext ctx) {
    String zone = ctx.pathParam("zone");
    if (!ZoneName.isValid(zone)) {
      Problems.send(ctx, 404, "no zone named '" + zone + "'");
      return null;
    }
    return zone;
  }

  private static Integer historySeconds(RoutingContext ctx) {
    List<String> values = ctx.queryParam("seconds");
    if (values.isEmpty()) {
      return DEFAULT_HISTORY_SECONDS;
    }
    String value = values.get(0);
    if (values.size() == 1 && value.matches("[0-9]{1,5}")) {
      int seconds = Integer.parseInt(value);
      if (seconds >= 1 && seconds <= MAX_HISTORY_SECONDS) {
        return seconds;
      }
    }
    Problems.send(ctx, 400, "'seconds' must be one whole number from 1 to " + MAX_HISTORY_SECONDS);
    return null;
  }

  private void fail(RoutingContext ctx, Throwable failure) {
    String zone = ctx.pathParam("zone");
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS && !zones.contains(zone)) {
        Problems.send(ctx, 404, "no zone named '" + zone + "'");
        return;
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.send(ctx, 503, "zone '" + zone + "' is restarting after a failure; try again shortly");
        return;
      }
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == InputVerticle.REFUSED) {
        Problems.send(ctx, 400, reply.getMessage());
        return;
      }
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    Problems.send(ctx, 503, "the zone did not answer in time; try again");
  }

}
