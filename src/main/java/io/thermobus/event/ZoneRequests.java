package io.thermobus.event;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/** Requests to a zone's verticles over the event bus, all with the same timeout. */
public final class ZoneRequests {

  /** How long a request to a zone waits for its answer. */
  public static final long TIMEOUT_MILLIS = 3_000;
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(TIMEOUT_MILLIS);

  private ZoneRequests() {}

  /** Asks the zone's display for its state; fails with NO_HANDLERS when no display hosts the zone. */
  public static Future<ZoneState> state(EventBus bus, String zone) {
    return request(bus, Addresses.zoneState(zone), null);
  }

  /** A request to one of the zone's addresses ({@link Addresses}), answered with the reply's body. */
  public static <T> Future<T> request(EventBus bus, String address, Object body) {
    return bus.<T>request(address, body, OPTIONS).map(reply -> reply.body());
  }
}
