package io.thermobus.web;

import io.thermobus.event.Concern;
import io.thermobus.event.HistoryQuery;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.StateQuery;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneState;
import io.thermobus.event.ZoneStates;
import io.thermobus.input.DesiredRange;
import io.thermobus.input.InputVerticle;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneAdded;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneRemoved;
import io.thermobus.zone.ZoneSpec;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The zone routes: list, read, create and delete zones, read a zone's history and set its desired
 * temperature. Each request goes to the one shard that hosts the zone; the list asks each display
 * shard once for all its zones.
 */
final class ZoneApi {

  private static final int DEFAULT_HISTORY_SECONDS = 600;
  private static final int MAX_HISTORY_SECONDS = 3600;
  private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final ZoneDirectory directory;
  private final DesiredRange range;
  private final int defaultDesiredCenti;
  private final int defaultTemperatureCenti;
  private final LongSupplier busHead;

  /** {@code busHead} stamps each state with the bus seq it was read at, so a reader can resume from the next. */
  ZoneApi(Vertx vertx, ZoneDirectory directory, DesiredRange range, int defaultDesiredCenti, int defaultTemperatureCenti,
          LongSupplier busHead) {
    this.vertx = vertx;
    this.directory = directory;
    this.range = range;
    this.defaultDesiredCenti = defaultDesiredCenti;
    this.defaultTemperatureCenti = defaultTemperatureCenti;
    this.busHead = busHead;
  }

  void list(RoutingContext ctx) {
    long seq = busHead.getAsLong();
    List<Future<ZoneStates>> shards = new ArrayList<>();
    for (int shard = 0; shard < directory.shards(); shard++) {
      shards.add(vertx.eventBus().<ZoneStates>request(Concern.DISPLAY.address(shard), new ShardQuery(), REQUEST)
          .map(reply -> reply.body()));
    }
    Future.all(shards)
        .onSuccess(all -> {
          List<ZoneState> states = new ArrayList<>(directory.size());
          shards.forEach(shard -> states.addAll(shard.result().states()));
          states.sort(Comparator.comparingLong(state -> directory.ordinal(state.zone())));
          JsonArray zones = new JsonArray(new ArrayList<>(states.size()));
          states.forEach(state -> zones.add(toJson(state).put("seq", seq)));
          ctx.json(new JsonObject().put("zones", zones));
        })
        .onFailure(failure -> {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
          Problems.send(ctx, 503, "a zone shard did not answer in time; try again");
        });
  }

  void get(RoutingContext ctx) {
    String zone = zone(ctx);
    if (zone != null) {
      state(zone).onSuccess(ctx::json).onFailure(failure -> fail(ctx, failure));
    }
  }

  /** {@code POST /api/zones}: {@code {"zone", "desired", "initialTemperature"}}, the last two optional; 201 with its state. */
  void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    ZoneSpec spec = body == null ? null : spec(ctx, body);
    if (spec == null) {
      return;
    }
    try {
      directory.add(spec);
    } catch (ZoneConflictException e) {
      Problems.send(ctx, 409, e.getMessage());
      return;
    }
    tell(List.of(Concern.values()), spec.name(), new ZoneAdded(spec))
        .compose(added -> state(spec.name()))
        .onSuccess(state -> ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, "/api/zones/" + spec.name())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(state.encode()))
        .onFailure(failure -> {
          directory.remove(spec.name());
          tell(reversed(), spec.name(), new ZoneRemoved(spec.name()));
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
          Problems.send(ctx, 503, "zone '" + spec.name() + "' could not be set up (" + failure.getMessage() + "); nothing was created");
        });
  }

  /** {@code DELETE /api/zones/{zone}}: 204 once every shard dropped it and its settings file is gone. */
  void delete(RoutingContext ctx) {
    String zone = zone(ctx);
    if (zone == null) {
      return;
    }
    directory.remove(zone);
    tell(reversed(), zone, new ZoneRemoved(zone))
        .onSuccess(removed -> ctx.response().setStatusCode(204).end())
        .onFailure(failure -> {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
          Problems.send(ctx, 503, "zone '" + zone + "' is no longer hosted, but a shard failed to drop it ("
              + failure.getMessage() + "); try again to remove its settings");
        });
  }

  void putDesired(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    BigDecimal celsius = body == null ? null : JsonBodies.finiteNumber(ctx, body, "celsius");
    String zone = celsius == null ? null : zone(ctx);
    if (zone == null) {
      return;
    }
    vertx.eventBus().request(address(Concern.INPUT, zone), new SetDesired(zone, celsius, "rest"), REQUEST)
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
    vertx.eventBus().<JsonObject>request(address(Concern.HISTORY, zone), new HistoryQuery(zone, seconds), REQUEST)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(failure -> fail(ctx, failure));
  }

  /** Asks the zone's display shard for its state. */
  Future<JsonObject> state(String zone) {
    long seq = busHead.getAsLong();
    return vertx.eventBus().<ZoneState>request(address(Concern.DISPLAY, zone), new StateQuery(zone), REQUEST)
        .map(reply -> toJson(reply.body()).put("seq", seq));
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

  private String address(Concern concern, String zone) {
    return concern.address(directory.shardOf(zone));
  }

  /** Sends {@code message} to the zone's shard of each concern in turn, each after the previous one answered. */
  private Future<Void> tell(List<Concern> concerns, String zone, Object message) {
    Future<?> chain = Future.succeededFuture();
    for (Concern concern : concerns) {
      chain = chain.compose(previous -> vertx.eventBus().request(address(concern, zone), message, REQUEST));
    }
    return chain.mapEmpty();
  }

  private static List<Concern> reversed() {
    List<Concern> concerns = new ArrayList<>(List.of(Concern.values()));
    Collections.reverse(concerns);
    return concerns;
  }

  /** The zone to create, or {@code null} after answering 400. */
  private ZoneSpec spec(RoutingContext ctx, JsonObject body) {
    Object name = body.getValue("zone");
    if (!(name instanceof String text && ZoneName.isValid(text))) {
      Problems.send(ctx, 400, "'zone' must be a zone name: 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
      return null;
    }
    int desired = defaultDesiredCenti;
    int temperature = defaultTemperatureCenti;
    try {
      if (body.containsKey("desired")) {
        BigDecimal celsius = JsonBodies.finiteNumber(ctx, body, "desired");
        if (celsius == null) {
          return null;
        }
        desired = range.require(celsius);
      }
      if (body.containsKey("initialTemperature")) {
        BigDecimal celsius = JsonBodies.finiteNumber(ctx, body, "initialTemperature");
        if (celsius == null) {
          return null;
        }
        temperature = ZoneSpec.initialTemperatureCenti(celsius);
      }
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, e.getMessage());
      return null;
    }
    return ZoneSpec.simulated(text, desired, temperature);
  }

  /** The path's zone if this node hosts it, or {@code null} after answering 404. */
  private String zone(RoutingContext ctx) {
    String zone = ctx.pathParam("zone");
    if (!ZoneName.isValid(zone) || !directory.hosts(zone)) {
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

  private static void fail(RoutingContext ctx, Throwable failure) {
    String zone = ctx.pathParam("zone");
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == ShardVerticle.UNKNOWN_ZONE) {
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
