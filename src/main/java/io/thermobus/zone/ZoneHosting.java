package io.thermobus.zone;

import io.thermobus.event.Concern;
import io.thermobus.event.ZoneRequests;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts and stops hosting a zone on this node: the directory first, then each concern's shard
 * in turn, each after the previous one answered (removal in the reverse order). The one way
 * zones come and go at run time, for the zone routes and the cluster's adoption alike. Immutable.
 */
public final class ZoneHosting {

  private final EventBus bus;
  private final ZoneDirectory directory;

  public ZoneHosting(EventBus bus, ZoneDirectory directory) {
    this.bus = bus;
    this.directory = directory;
  }

  public ZoneDirectory directory() {
    return directory;
  }

  /**
   * Hosts {@code spec}: completes once every shard hosts it; refuses a zone that exists or one past
   * the limit at once. If a shard fails, the zone is dropped again from every shard and the future fails.
   */
  public Future<Void> add(ZoneSpec spec) throws ZoneConflictException {
    directory.add(spec);
    return tell(List.of(Concern.values()), spec.name(), new ZoneAdded(spec))
        .recover(failure -> remove(spec.name()).transform(removed -> Future.failedFuture(failure)));
  }

  /**
   * Stops hosting a deleted {@code zone}: out of the directory at once, then out of every shard (its
   * settings file removed, its relay commanded off).
   */
  public Future<Void> remove(String zone) {
    return drop(new ZoneRemoved(zone, false));
  }

  /**
   * Stops hosting {@code zone}, which another node owns now, as {@link #remove} does except that
   * its devices are left to the new owner: no last command to its relay, its retained state and
   * Home Assistant entity kept.
   */
  public Future<Void> handOver(String zone) {
    return drop(new ZoneRemoved(zone, true));
  }

  private Future<Void> drop(ZoneRemoved removal) {
    directory.remove(removal.zone());
    List<Concern> reversed = new ArrayList<>(List.of(Concern.values()));
    Collections.reverse(reversed);
    return tell(reversed, removal.zone(), removal);
  }

  private Future<Void> tell(List<Concern> concerns, String zone, Object message) {
    Future<?> chain = Future.succeededFuture();
    for (Concern concern : concerns) {
      chain = chain.compose(previous -> ZoneRequests.toZone(bus, directory, concern, zone, message));
    }
    return chain.mapEmpty();
  }
}
