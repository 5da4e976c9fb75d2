package io.thermobus.cluster;

import io.thermobus.sim.Centi;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this node host exactly the zones it owns: a zone it gained is adopted with the cluster's
 * setpoint (its input shard writes that to the node's settings file as it starts the zone), a zone
 * it lost is dropped from every shard, which stops driving its heater. One pass at a time, on the
 * cluster node's event loop; a pass asked for meanwhile runs after it, with the owners read then.
 */
final class ZoneAdoption {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneAdoption.class);

  private final String node;
  private final ZoneHosting hosting;
  private final Supplier<Map<String, String>> owners;
  private final Function<String, Future<ZoneRecord>> records;
  // Owned by the cluster node's event loop.
  private boolean running;
  private boolean again;

  /** {@code records} reads a zone's entry in the cluster map, {@code null} for a zone it does not hold. */
  ZoneAdoption(String node, ZoneHosting hosting, Supplier<Map<String, String>> owners, Function<String, Future<ZoneRecord>> records) {
    this.node = node;
    this.hosting = hosting;
    this.owners = owners;
    this.records = records;
  }

  /** Adopts and drops zones until the hosted ones are the owned ones; a failed step is tried again by the next pass. */
  void reconcile() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    ZoneDirectory directory = hosting.directory();
    List<Future<?>> steps = new ArrayList<>();
    owners.get().forEach((zone, owner) -> {
      boolean hosted = directory.hosts(zone);
      if (owner.equals(node) && !hosted) {
        steps.add(adopt(zone));
      } else if (!owner.equals(node) && hosted) {
        steps.add(drop(zone, owner));
      }
    });
    Future.join(steps).onComplete(done -> {
      running = false;
      if (again) {
        again = false;
        reconcile();
      }
    });
  }

  private Future<?> adopt(String zone) {
    return records.apply(zone).compose(record -> {
      if (record == null) {
        return Future.succeededFuture();
      }
      try {
        return hosting.add(record.spec(zone))
            .onSuccess(added -> LOG.info("Zone {}: adopted by node {} with the cluster's setpoint {} °C", zone, node,
                Centi.format(record.desiredCenti())));
      } catch (ZoneConflictException e) {
        return Future.failedFuture(e);
      }
    }).onFailure(failure -> LOG.warn("Zone {}: node {} could not adopt it: {}", zone, node, failure.getMessage()));
  }

  private Future<?> drop(String zone, String owner) {
    return hosting.remove(zone)
        .onSuccess(removed -> LOG.info("Zone {}: dropped by node {}, now owned by {}", zone, node, owner))
        .onFailure(failure -> LOG.warn("Zone {}: node {} could not drop it: {}", zone, node, failure.getMessage()));
  }
}
