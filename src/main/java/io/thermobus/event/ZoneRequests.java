package io.thermobus.event;

import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;

/** Requests to the shards that host zones, over the event bus, all with the same timeout. */
public final class ZoneRequests {

  /** How long a request to a shard waits for its answer. */
  public static final long TIMEOUT_MILLIS = 3_000;
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(TIMEOUT_MILLIS);

  private ZoneRequests() {}

  /**
   * Asks the display shard that hosts the zone for its state; fails with NO_HANDLERS while that
   * shard is being redeployed, and with {@code UNKNOWN_ZONE} when it does not host the zone.
   */
  public static Future<ZoneState> state(EventBus bus, ZoneDirectory directory, String zone) {
    return toZone(bus, directory, Concern.DISPLAY, zone, new StateQuery(zone));
  }

  /** Asks one display shard for the state of every zone it hosts. */
  public static Future<ZoneStates> states(EventBus bus, int shard) {
    return toShard(bus, Concern.DISPLAY, shard, new ShardQuery());
  }

  /** Asks every display shard once for the state of every zone it hosts: one answer per shard, in shard order. */
  public static List<Future<ZoneStates>> states(EventBus bus, ZoneDirectory directory) {
    List<Future<ZoneStates>> shards = new ArrayList<>(directory.shards());
    for (int shard = 0; shard < directory.shards(); shard++) {
      shards.add(states(bus, shard));
    }
    return shards;
  }

  /** A request to the shard of {@code concern} that hosts {@code zone}, answered with the reply's body. */
  public static <T> Future<T> toZone(EventBus bus, ZoneDirectory directory, Concern concern, String zone, Object body) {
    return toShard(bus, concern, directory.shardOf(zone), body);
  }

  /** A request to one shard of {@code concern}, answered with the reply's body. */
  public static <T> Future<T> toShard(EventBus bus, Concern concern, int shard, Object body) {
    return bus.<T>request(concern.address(shard), body, OPTIONS).map(Message::body);
  }
}
