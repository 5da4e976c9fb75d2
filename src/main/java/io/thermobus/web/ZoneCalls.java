package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.event.Concern;
import io.thermobus.event.ZoneName;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.event.ZoneStates;
import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The web's requests to zones (REST and WebSocket input alike), each to the one shard that hosts
 * the zone, failing only with a {@link Refusal}: what an event-bus failure means to a client is
 * decided here, once. Immutable.
 */
final class ZoneCalls {

  private final EventBus bus;
  private final ZoneDirectory directory;

  ZoneCalls(EventBus bus, ZoneDirectory directory) {
    this.bus = bus;
    this.directory = directory;
  }

  ZoneDirectory directory() {
    return directory;
  }

  Future<ZoneState> state(String zone) {
    return refusing(zone, () -> ZoneRequests.state(bus, directory, zone));
  }

  /** A request to the shard of {@code concern} that hosts the zone; an unknown zone is refused without one. */
  <T> Future<T> request(Concern concern, String zone, Object body) {
    return refusing(zone, () -> ZoneRequests.toZone(bus, directory, concern, zone, body));
  }

  /** Every hosted zone's state, asking each display shard once. */
  Future<List<ZoneState>> states() {
    List<Future<ZoneStates>> shards = ZoneRequests.states(bus, directory);
    return Future.all(shards)
        .<List<ZoneState>>map(all -> {
          List<ZoneState> states = new ArrayList<>(directory.size());
          shards.forEach(shard -> states.addAll(shard.result().states()));
          return states;
        })
        .recover(failure -> Future.failedFuture(
            Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "a zone shard did not answer in time; try again")));
  }

  /** No handler means the zone's shard is being redeployed (503) or, if the zone is gone meanwhile, an unknown zone (404). */
  private <T> Future<T> refusing(String zone, Supplier<Future<T>> call) {
    if (!directory.hosts(zone)) {
      return Future.failedFuture(unknown(zone));
    }
    return call.get().recover(failure -> Future.failedFuture(Refusal.of(failure, () -> directory.hosts(zone)
        ? Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "zone '" + zone + "' is restarting after a failure; try again shortly")
        : unknown(zone))));
  }

  /** The request path's zone; refuses (404) a name this node does not host. */
  String zoneOf(RoutingContext ctx) {
    String zone = ctx.pathParam("zone");
    if (!ZoneName.isValid(zone) || !directory.hosts(zone)) {
      throw unknown(zone);
    }
    return zone;
  }

  static Refusal unknown(String zone) {
    return Refusal.of(404, "no zone named '" + zone + "'");
  }
}
