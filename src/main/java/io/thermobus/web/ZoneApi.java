package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.Addresses;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneState;
import io.vertx.core.Future;
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

  private final ZoneCalls calls;
  private final LongSupplier busHead;
  private final ZoneOwnership ownership;

  /**
   * {@code busHead} stamps each state with the bus seq it was read at, so a reader can resume from
   * the next; {@code ownership} names each zone's owner.
   */
  ZoneApi(ZoneCalls calls, LongSupplier busHead, ZoneOwnership ownership) {
    this.calls = calls;
    this.busHead = busHead;
    this.ownership = ownership;
  }

  void list(RoutingContext ctx) {
    List<Future<JsonObject>> states = calls.zones().stream().map(this::state).toList();
    Future.all(states)
        .onSuccess(all -> ctx.json(new JsonObject().put("zones", new JsonArray(states.stream().map(Future::result).toList()))))
        .onFailure(failure -> ctx.fail(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "a zone did not answer in time; try again")));
  }

  void get(RoutingContext ctx) {
    state(zone(ctx)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void putDesired(RoutingContext ctx) {
    BigDecimal celsius = JsonBodies.finiteNumber(JsonBodies.object(ctx), "celsius");
    String zone = zone(ctx);
    calls.request(zone, Addresses.setDesired(zone), new SetDesired(zone, celsius, "rest"))
        .compose(applied -> state(zone))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/zones/{zone}/history?seconds=N}: the chart's samples of the last N seconds. */
  void history(RoutingContext ctx) {
    int seconds = historySeconds(ctx);
    String zone = zone(ctx);
    calls.<JsonObject>request(zone, Addresses.history(zone), seconds).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The zone's state, stamped with the bus seq it was read at and its owner; a zone that answers is online. */
  private Future<JsonObject> state(String zone) {
    long seq = busHead.getAsLong();
    return calls.state(zone).map(state -> toJson(state).put("seq", seq).put("owner", ownership.owner(zone)).put("online", true));
  }

  static JsonObject toJson(ZoneState state) {
    return new JsonObject()
        .put("zone", state.zone())
        .put("temperature", state.temperature())
        .put("desired", state.desired())
        .put("heaterOn", state.heaterOn())
        .put("input", state.input())
        .put("readings", state.readings().wireName())
        .put("fault", state.fault())
        .put("at", state.at().toString());
  }

  private static String zone(RoutingContext ctx) {
    String zone = ctx.pathParam("zone");
    if (!ZoneName.isValid(zone)) {
      throw ZoneCalls.unknown(zone);
    }
    return zone;
  }

  private static int historySeconds(RoutingContext ctx) {
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
    throw Refusal.badRequest("'seconds' must be one whole number from 1 to " + MAX_HISTORY_SECONDS);
  }
}
