package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.Concern;
import io.thermobus.event.HistoryQuery;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.input.DesiredRange;
import io.thermobus.zone.ZoneAdded;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneRemoved;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The zone routes: list, read, create and delete zones, read a zone's history and set its desired
 * temperature. Each request goes to the one shard that hosts the zone; the list asks each display
 * shard once for all its zones. Every refusal is a {@link Refusal}, answered by the router.
 */
final class ZoneApi {

  private static final int DEFAULT_HISTORY_SECONDS = 600;
  private static final int MAX_HISTORY_SECONDS = 3600;

  private final EventBus eventBus;
  private final ZoneCalls calls;
  private final ZoneDirectory directory;
  private final DesiredRange range;
  private final int defaultDesiredCenti;
  private final int defaultTemperatureCenti;
  private final LongSupplier busHead;
  private final ZoneOwnership ownership;

  /**
   * {@code busHead} stamps each state with the bus seq it was read at, so a reader can resume from
   * the next; {@code ownership} names each zone's owner.
   */
  ZoneApi(EventBus eventBus, ZoneCalls calls, DesiredRange range, int defaultDesiredCenti, int defaultTemperatureCenti,
          LongSupplier busHead, ZoneOwnership ownership) {
    this.eventBus = eventBus;
    this.calls = calls;
    this.directory = calls.directory();
    this.range = range;
    this.defaultDesiredCenti = defaultDesiredCenti;
    this.defaultTemperatureCenti = defaultTemperatureCenti;
    this.busHead = busHead;
    this.ownership = ownership;
  }

  void list(RoutingContext ctx) {
    long seq = busHead.getAsLong();
    calls.states()
        .onSuccess(states -> {
          List<ZoneState> sorted = new ArrayList<>(states);
          sorted.sort(Comparator.comparingLong(state -> directory.ordinal(state.zone())));
          JsonArray zones = new JsonArray(new ArrayList<>(sorted.size()));
          sorted.forEach(state -> zones.add(stamped(state, seq)));
          ctx.json(new JsonObject().put("zones", zones));
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    state(zone(ctx)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code POST /api/zones}: {@code {"zone", "desired", "initialTemperature"}}, the last two optional; 201 with its state. */
  void create(RoutingContext ctx) {
    ZoneSpec spec = spec(JsonBodies.object(ctx));
    try {
      directory.add(spec);
    } catch (ZoneConflictException e) {
      throw Refusal.of(409, e.getMessage());
    }
    tell(List.of(Concern.values()), spec.name(), new ZoneAdded(spec))
        .compose(added -> state(spec.name()))
        .onSuccess(state -> ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, "/api/zones/" + spec.name())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(state.encode()))
        .onFailure(failure -> {
          directory.remove(spec.name());
          tell(reversed(), spec.name(), new ZoneRemoved(spec.name()));
          ctx.fail(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
              "zone '" + spec.name() + "' could not be set up (" + failure.getMessage() + "); nothing was created"));
        });
  }

  /** {@code DELETE /api/zones/{zone}}: 204 once every shard dropped it and its settings file is gone. */
  void delete(RoutingContext ctx) {
    String zone = zone(ctx);
    directory.remove(zone);
    tell(reversed(), zone, new ZoneRemoved(zone))
        .onSuccess(removed -> ctx.response().setStatusCode(204).end())
        .onFailure(failure -> ctx.fail(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + zone + "' is no longer hosted, but a shard failed to drop it (" + failure.getMessage()
                + "); try again to remove its settings")));
  }

  void putDesired(RoutingContext ctx) {
    BigDecimal celsius = JsonBodies.finiteNumber(JsonBodies.object(ctx), "celsius");
    String zone = zone(ctx);
    calls.request(Concern.INPUT, zone, new SetDesired(zone, celsius, "rest"))
        .compose(applied -> state(zone))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/zones/{zone}/history?seconds=N}: the chart's samples of the last N seconds. */
  void history(RoutingContext ctx) {
    int seconds = QuerySeconds.of(ctx, DEFAULT_HISTORY_SECONDS, MAX_HISTORY_SECONDS);
    String zone = zone(ctx);
    calls.<JsonObject>request(Concern.HISTORY, zone, new HistoryQuery(zone, seconds)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The zone's state, stamped with the bus seq it was read at and its owner; a zone that answers is online. */
  private Future<JsonObject> state(String zone) {
    long seq = busHead.getAsLong();
    return calls.state(zone).map(state -> stamped(state, seq));
  }

  private JsonObject stamped(ZoneState state, long seq) {
    return toJson(state).put("seq", seq).put("owner", ownership.owner(state.zone())).put("online", true);
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
        .put("controller", state.controller().apiName())
        .put("mode", state.mode().apiName())
        .put("at", state.at().toString());
  }

  /** Sends {@code message} to the zone's shard of each concern in turn, each after the previous one answered. */
  private Future<Void> tell(List<Concern> concerns, String zone, Object message) {
    Future<?> chain = Future.succeededFuture();
    for (Concern concern : concerns) {
      chain = chain.compose(previous -> ZoneRequests.toZone(eventBus, directory, concern, zone, message));
    }
    return chain.mapEmpty();
  }

  private static List<Concern> reversed() {
    List<Concern> concerns = new ArrayList<>(List.of(Concern.values()));
    Collections.reverse(concerns);
    return concerns;
  }

  /** The zone to create; refuses (400) a body that does not describe one. */
  private ZoneSpec spec(JsonObject body) {
    Object name = body.getValue("zone");
    if (!(name instanceof String text && ZoneName.isValid(text))) {
      throw Refusal.badRequest("'zone' must be a zone name: 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
    }
    int desired = defaultDesiredCenti;
    int temperature = defaultTemperatureCenti;
    try {
      if (body.containsKey("desired")) {
        desired = range.require(JsonBodies.finiteNumber(body, "desired"));
      }
      if (body.containsKey("initialTemperature")) {
        temperature = ZoneSpec.initialTemperatureCenti(JsonBodies.finiteNumber(body, "initialTemperature"));
      }
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest(e.getMessage());
    }
    return ZoneSpec.simulated(text, desired, temperature);
  }

  /** The path's zone; refuses (404) a name this node does not host. */
  private String zone(RoutingContext ctx) {
    return calls.zoneOf(ctx);
  }

}
