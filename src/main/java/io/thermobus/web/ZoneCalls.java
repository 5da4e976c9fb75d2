package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * The web's requests to zones (REST and WebSocket input alike), failing only with a
 * {@link Refusal}: what an event-bus failure means to a client is decided here, once. Immutable.
 */
final class ZoneCalls {

  private final EventBus bus;
  private final List<String> zones;

  ZoneCalls(EventBus bus, List<String> zones) {
    this.bus = bus;
    this.zones = List.copyOf(zones);
  }

  List<String> zones() {
    return zones;
  }

  Future<ZoneState> state(String zone) {
    return refusing(zone, ZoneRequests.state(bus, zone));
  }

  /** A request to one of the zone's addresses. */
  <T> Future<T> request(String zone, String address, Object body) {
    return refusing(zone, ZoneRequests.request(bus, address, body));
  }

  /** No handler means an unknown zone (404), or a configured one whose verticle is being redeployed (503). */
  private <T> Future<T> refusing(String zone, Future<T> answer) {
    return answer.recover(failure -> Future.failedFuture(Refusal.of(failure, () -> zones.contains(zone)
        ? Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "zone '" + zone + "' is restarting after a failure; try again shortly")
        : unknown(zone))));
  }

  static Refusal unknown(String zone) {
    return Refusal.of(404, "no zone named '" + zone + "'");
  }
}
