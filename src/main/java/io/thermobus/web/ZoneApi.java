package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.cluster.ClusterZones;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.Concern;
import io.thermobus.event.HistoryQuery;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneState;
import io.thermobus.input.DesiredRange;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The zone routes: list, read, create and delete zones, read a zone's history and set its desired
 * temperature. Each request goes to the one shard that hosts the zone; the list asks each display
 * shard once for all its zones. Every refusal is a {@link Refusal}, answered by the router.
 */
final class ZoneApi {

  private static final int DEFAULT_HISTORY_SECONDS = 600;
  private static final int MAX_HISTORY_SECONDS = 3600;
  /** How long a zone created in a cluster may take to answer from its owner before it is confirmed listed offline; asked every 100 ms. */
  private static final long CREATED_WAIT_MS = 10_000;
  private static final long CREATED_POLL_MS = 100;

  private final Vertx vertx;
  private final CreatedZones created;
  private final ZoneHosting hosting;
  private final ZoneCalls calls;
  private final ZoneDirectory directory;
  private final DesiredRange range;
  private final int defaultDesiredCenti;
  private final int defaultTemperatureCenti;
  private final boolean brokerConfigured;
  private final LongSupplier busHead;
  private final ZoneOwnership ownership;
  private final RemoteZones remote;
  private final Optional<ClusterZones> clusterZones;

  /**
   * {@code busHead} stamps each state with the bus seq it was read at, so a reader can resume from
   * the next; {@code ownership} names each zone's owner, and the zones other nodes host are asked
   * of them over the event bus; in a cluster, zones are created in and deleted from
   * {@code clusterZones}, and their owners host them.
   */
  ZoneApi(Vertx vertx, ZoneHosting hosting, CreatedZones created, ZoneCalls calls, DesiredRange range,
          int defaultDesiredCenti, int defaultTemperatureCenti, boolean brokerConfigured, LongSupplier busHead,
          ZoneOwnership ownership, Optional<ClusterZones> clusterZones) {
    this.vertx = vertx;
    this.hosting = hosting;
    this.created = created;
    this.calls = calls;
    this.directory = calls.directory();
    this.range = range;
    this.defaultDesiredCenti = defaultDesiredCenti;
    this.defaultTemperatureCenti = defaultTemperatureCenti;
    this.brokerConfigured = brokerConfigured;
    this.busHead = busHead;
    this.ownership = ownership;
    this.remote = new RemoteZones(vertx.eventBus(), ownership);
    this.clusterZones = clusterZones;
  }

  /** Every zone: this node's in its order, then (in a cluster) the ones other nodes host. */
  void list(RoutingContext ctx) {
    long seq = busHead.getAsLong();
    hostedStates()
        .compose(here -> remote.list(directory::hosts, seq).map(elsewhere -> {
          JsonArray zones = new JsonArray(new ArrayList<>(here.size() + elsewhere.size()));
          here.forEach(zones::add);
          elsewhere.forEach(zones::add);
          return zones;
        }))
        .onSuccess(zones -> ctx.json(new JsonObject().put("zones", zones)))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String zone = anyZone(ctx);
    anyState(zone).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The state of a zone hosted here or by another node. */
  private Future<JsonObject> anyState(String zone) {
    return directory.hosts(zone) ? state(zone) : remote.state(zone);
  }

  /** {@code POST /api/zones}: {@code {"zone", "desired", "initialTemperature", "source"}}, all but the zone optional; 201 with its state. */
  void create(RoutingContext ctx) {
    ZoneSpec spec = spec(JsonBodies.object(ctx));
    if (clusterZones.isPresent()) {
      createInCluster(ctx, spec, clusterZones.get());
      return;
    }
    Future<Void> added;
    try {
      added = hosting.add(spec);
    } catch (ZoneConflictException e) {
      throw Refusal.of(409, e.getMessage());
    }
    added.compose(hosted -> record(spec).recover(failure -> hosting.remove(spec.name()).transform(removed -> Future.failedFuture(failure))))
        .compose(recorded -> state(spec.name()))
        .onSuccess(state -> created(ctx, spec, state))
        .onFailure(failure -> ctx.fail(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + spec.name() + "' could not be set up (" + failure.getMessage() + "); nothing was created")));
  }

  /**
   * Defines the zone in the cluster, which its owner then hosts: 201 once the cluster map and this
   * node's record of created zones hold it, with the owner's state once it answers, or listed
   * offline when the owner is slow to start it.
   */
  private void createInCluster(RoutingContext ctx, ZoneSpec spec, ClusterZones cluster) {
    String zone = spec.name();
    cluster.define(spec)
        .recover(failure -> Future.failedFuture(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + zone + "' could not be defined in the cluster (" + failure.getMessage() + "); nothing was created")))
        .compose(defined -> defined ? stateOnceHosted(zone, System.nanoTime())
            : Future.failedFuture(Refusal.of(409, "zone '" + zone + "' exists already")))
        .onSuccess(state -> created(ctx, spec, state))
        .onFailure(ctx::fail);
  }

  /** The state of a zone just defined in the cluster, once its owner answers for it; offline after {@link #CREATED_WAIT_MS}. */
  private Future<JsonObject> stateOnceHosted(String zone, long since) {
    Future<JsonObject> state = directory.hosts(zone) ? state(zone)
        : remote.elsewhere(zone) ? remote.state(zone) : Future.failedFuture("not hosted yet");
    return state.recover(notYet -> System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(CREATED_WAIT_MS)
        ? Future.succeededFuture(RemoteZones.offline(zone, ownership.owner(zone), busHead.getAsLong()))
        : vertx.timer(CREATED_POLL_MS, TimeUnit.MILLISECONDS).compose(waited -> stateOnceHosted(zone, since)));
  }

  private static void created(RoutingContext ctx, ZoneSpec spec, JsonObject state) {
    ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, "/api/zones/" + spec.name())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(state.encode());
  }

  /**
   * {@code DELETE /api/zones/{zone}}: 204 once the zone is forgotten (so a restart does not bring
   * it back), every shard dropped it and its settings file is gone.
   */
  void delete(RoutingContext ctx) {
    if (clusterZones.isPresent()) {
      deleteInCluster(ctx, clusterZones.get());
      return;
    }
    String zone = zone(ctx);
    forget(zone)
        .recover(failure -> Future.failedFuture(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + zone + "' could not be forgotten (" + failure.getMessage() + "); nothing was deleted")))
        .compose(forgotten -> hosting.remove(zone)
            .recover(failure -> Future.failedFuture(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
                "zone '" + zone + "' is no longer hosted, but a shard failed to drop it (" + failure.getMessage()
                    + "); its settings file may remain"))))
        .onSuccess(removed -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** Removes the zone from the cluster, on any node: 204 once no node hosts it any more (its owner stopped it, heater off). */
  private void deleteInCluster(RoutingContext ctx, ClusterZones cluster) {
    String zone = ctx.pathParam("zone");
    if (!ZoneName.isValid(zone) || !(directory.hosts(zone) || ownership.owner(zone) != null)) {
      throw ZoneCalls.unknown(zone);
    }
    cluster.undefine(zone)
        .recover(failure -> Future.failedFuture(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + zone + "' could not be deleted everywhere (" + failure.getMessage() + ")")))
        .compose(known -> known ? Future.succeededFuture() : Future.failedFuture(ZoneCalls.unknown(zone)))
        .onSuccess(removed -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** Records a created zone, so that a restart hosts it again. */
  private Future<Void> record(ZoneSpec spec) {
    return vertx.executeBlocking(() -> {
      created.add(spec);
      return null;
    });
  }

  private Future<Void> forget(String zone) {
    return vertx.executeBlocking(() -> {
      created.remove(zone);
      return null;
    });
  }

  /** Confirmed once the node that hosts the zone saved it: here, or its owner over the clustered event bus. */
  void putDesired(RoutingContext ctx) {
    BigDecimal celsius = JsonBodies.finiteNumber(JsonBodies.object(ctx), "celsius");
    String zone = anyZone(ctx);
    (directory.hosts(zone) ? setDesired(zone, celsius) : remote.setDesired(zone, celsius)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Answers another node's {@link RemoteZones} request for the zones this node hosts; a refusal goes back as its status. */
  void answer(Message<JsonObject> message) {
    JsonObject request = message.body();
    String zone = request.getString("zone");
    Future<?> answer = switch (String.valueOf(request.getString(RemoteZones.OP))) {
      case RemoteZones.LIST -> hostedStates().map(JsonArray::new);
      case RemoteZones.STATE -> state(zone);
      case RemoteZones.DESIRED -> setDesired(zone, new BigDecimal(request.getString("celsius")));
      default -> Future.failedFuture(Refusal.badRequest("unknown request"));
    };
    answer.onSuccess(message::reply).onFailure(failure -> Refusal.of(failure, () -> ZoneCalls.unknown(zone)).failReply(message));
  }

  private Future<JsonObject> setDesired(String zone, BigDecimal celsius) {
    return calls.request(Concern.INPUT, zone, new SetDesired(zone, celsius, "rest")).compose(applied -> state(zone));
  }

  /** The states of the zones this node hosts, in its order. */
  private Future<List<JsonObject>> hostedStates() {
    long seq = busHead.getAsLong();
    return calls.states().map(states -> {
      List<ZoneState> sorted = new ArrayList<>(states);
      sorted.sort(Comparator.comparingLong(state -> directory.ordinal(state.zone())));
      List<JsonObject> zones = new ArrayList<>(sorted.size());
      sorted.forEach(state -> zones.add(stamped(state, seq)));
      return zones;
    });
  }

  /** {@code GET /api/zones/{zone}/history?seconds=N}: the chart's samples of the last N seconds. */
  void history(RoutingContext ctx) {
    int seconds = QuerySeconds.of(ctx, DEFAULT_HISTORY_SECONDS, MAX_HISTORY_SECONDS);
    String zone = zone(ctx);
    calls.<JsonObject>request(Concern.HISTORY, zone, new HistoryQuery(zone, seconds)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The zone's state, stamped with the bus seq it was read at and its owner, this node that hosts it; a zone that answers is online. */
  private Future<JsonObject> state(String zone) {
    long seq = busHead.getAsLong();
    return calls.state(zone).map(state -> stamped(state, seq));
  }

  /** With the zone's source as a {@code POST /api/zones} body gives it: it holds no secret (the broker's password is not a source's). */
  private JsonObject stamped(ZoneState state, long seq) {
    JsonObject json = toJson(state).put("seq", seq).put("owner", ownership.node()).put("online", true);
    directory.spec(state.zone()).ifPresent(spec -> json.put("source", new JsonObject(spec.source().toMap())));
    return json;
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

  /** The zone to create; refuses (400) a body that does not describe one. */
  private ZoneSpec spec(JsonObject body) {
    Object name = body.getValue("zone");
    if (!(name instanceof String text && ZoneName.isValid(text))) {
      throw Refusal.badRequest("'zone' must be a zone name: 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
    }
    int desired = defaultDesiredCenti;
    int temperature = defaultTemperatureCenti;
    ZoneSource source;
    try {
      if (body.containsKey("desired")) {
        desired = range.require(JsonBodies.finiteNumber(body, "desired"));
      }
      if (body.containsKey("initialTemperature")) {
        temperature = ZoneSpec.initialTemperatureCenti(JsonBodies.finiteNumber(body, "initialTemperature"));
      }
      Object value = body.getValue("source");
      source = ZoneSource.parse(value instanceof JsonObject object ? object.getMap() : value, brokerConfigured);
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest(e.getMessage());
    }
    return new ZoneSpec(text, desired, temperature, source);
  }

  /** The path's zone; refuses (404) a name this node does not host. */
  private String zone(RoutingContext ctx) {
    return calls.zoneOf(ctx);
  }

  /**
   * The path's zone, hosted here or, in a cluster, by another node; refuses one this node owns but
   * is still starting (503) and any other name (404).
   */
  private String anyZone(RoutingContext ctx) {
    String zone = ctx.pathParam("zone");
    if (ZoneName.isValid(zone) && !directory.hosts(zone) && ownership.owns(zone)) {
      throw Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
          "zone '" + zone + "' is being started on this node, its owner; try again shortly");
    }
    if (!ZoneName.isValid(zone) || !(directory.hosts(zone) || remote.elsewhere(zone))) {
      throw ZoneCalls.unknown(zone);
    }
    return zone;
  }
}
