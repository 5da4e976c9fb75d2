package io.thermobus.cluster;

import io.thermobus.event.ZoneRequests;
import io.thermobus.sim.Centi;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this node host exactly the zones it owns: a zone it gained is adopted with the cluster's
 * setpoint (its input shard writes that to the node's settings file as it starts the zone), a zone
 * it lost is handed over: dropped from every shard, which stops driving its heater without a last
 * command, so that nothing this node says can undo what the new owner commands. A zone deleted
 * from the cluster is removed: its heater is commanded off as it goes. A gained zone is adopted
 * only once no other member still hosts it (each member is asked at {@link #hostsAddress}; one
 * that does not answer hosts nothing), so a hand-over between two live nodes never has both
 * drive the zone.
 * One pass at a time, on the cluster node's event loop; a pass asked for meanwhile runs after it,
 * with the owners read then.
 */
final class ZoneAdoption {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneAdoption.class);
  /** How long a member may take to say which zones it hosts; one that does not answer in time hosts nothing it can drive. */
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(ZoneRequests.TIMEOUT_MILLIS);

  private final String node;
  private final ZoneHosting hosting;
  private final Supplier<Map<String, String>> owners;
  private final Function<String, Future<ZoneRecord>> records;
  private final EventBus bus;
  private final Supplier<Set<String>> others;
  // Owned by the cluster node's event loop.
  private boolean running;
  private boolean again;

  /**
   * {@code records} reads a zone's entry in the cluster map, {@code null} for a zone it does not
   * hold; {@code others} are the other members' node ids, asked over {@code bus}.
   */
  ZoneAdoption(String node, ZoneHosting hosting, Supplier<Map<String, String>> owners, Function<String, Future<ZoneRecord>> records,
               EventBus bus, Supplier<Set<String>> others) {
    this.node = node;
    this.hosting = hosting;
    this.owners = owners;
    this.records = records;
    this.bus = bus;
    this.others = others;
  }

  /** Where {@code node} answers which of the zones asked about (a JSON array of names) it hosts now. */
  static String hostsAddress(String node) {
    return "thermobus.node." + node + ".hosts";
  }

  /** Answers a {@link #hostsAddress} request: the zones asked about that this node hosts. */
  void answerHosts(Message<JsonArray> message) {
    ZoneDirectory directory = hosting.directory();
    message.reply(new JsonArray(message.body().stream().filter(zone -> zone instanceof String name && directory.hosts(name)).toList()));
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
    List<String> gained = new ArrayList<>();
    Map<String, String> current = owners.get();
    directory.names().stream().filter(zone -> !current.containsKey(zone)).toList().forEach(zone -> steps.add(drop(zone, null)));
    current.forEach((zone, owner) -> {
      boolean hosted = directory.hosts(zone);
      if (owner.equals(node) && !hosted) {
        gained.add(zone);
      } else if (!owner.equals(node) && hosted) {
        steps.add(drop(zone, owner));
      }
    });
    if (!gained.isEmpty()) {
      steps.add(hostedElsewhere(gained).compose(elsewhere -> Future.join(gained.stream()
          .filter(zone -> !elsewhere.contains(zone)).map(this::adopt).toList())));
    }
    Future.join(steps).onComplete(done -> {
      running = false;
      if (again) {
        again = false;
        reconcile();
      }
    });
  }

  /** Which of {@code zones} another member still hosts; it drops them on its own next reading, and the next pass adopts them. */
  Future<Set<String>> hostedElsewhere(List<String> zones) {
    JsonArray asked = new JsonArray(new ArrayList<>(zones));
    List<Future<JsonArray>> answers = others.get().stream()
        .map(member -> bus.<JsonArray>request(hostsAddress(member), asked, OPTIONS).map(Message::body)
            .otherwise(failure -> new JsonArray()))
        .toList();
    return Future.all(answers).map(all -> {
      Set<String> hosted = new HashSet<>();
      answers.forEach(answer -> answer.result().forEach(zone -> hosted.add((String) zone)));
      return hosted;
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

  /** Stops hosting {@code zone}, now owned by {@code owner}, or by none ({@code null}) once deleted from the cluster. */
  private Future<?> drop(String zone, String owner) {
    Future<?> dropped = owner == null ? hosting.remove(zone) : hosting.handOver(zone);
    return dropped
        .onSuccess(removed -> LOG.info("Zone {}: dropped by node {}, {}", zone, node,
            owner == null ? "deleted from the cluster" : "now owned by " + owner))
        .onFailure(failure -> LOG.warn("Zone {}: node {} could not drop it: {}", zone, node, failure.getMessage()));
  }
}
