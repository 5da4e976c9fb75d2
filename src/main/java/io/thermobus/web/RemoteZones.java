package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.ZoneRequests;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Zones another node of the cluster hosts, reached over the clustered event bus at that node's own
 * address, where its {@link ZoneApi} answers for the zones it hosts. Without a cluster no zone is
 * elsewhere and nothing is sent. Immutable.
 */
final class RemoteZones {

  static final String OP = "op";
  static final String LIST = "list";
  static final String STATE = "state";
  static final String DESIRED = "desired";

  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(ZoneRequests.TIMEOUT_MILLIS);

  private final EventBus bus;
  private final ZoneOwnership ownership;

  RemoteZones(EventBus bus, ZoneOwnership ownership) {
    this.bus = bus;
    this.ownership = ownership;
  }

  /** The address where {@code node}'s web answers for the zones it hosts: one per node, so a request reaches that node alone. */
  static String address(String node) {
    return "thermobus.node." + node + ".zones";
  }

  /** Whether the cluster knows {@code zone} and another node owns it. */
  boolean elsewhere(String zone) {
    String owner = ownership.owner(zone);
    return owner != null && !owner.equals(ownership.node());
  }

  Future<JsonObject> state(String zone) {
    return ask(ownership.owner(zone), new JsonObject().put(OP, STATE).put("zone", zone));
  }

  /** Sets the zone's desired temperature on its owner; completes once the owner saved it, with the zone's state. */
  Future<JsonObject> setDesired(String zone, BigDecimal celsius) {
    return ask(ownership.owner(zone), new JsonObject().put(OP, DESIRED).put("zone", zone).put("celsius", celsius.toPlainString()));
  }

  /**
   * The states of the zones other nodes host, each such node asked once; the zones of a node that
   * does not answer, and the ones this node owns but does not host yet, are listed offline with
   * their heater off, stamped with {@code seq}.
   */
  Future<List<JsonObject>> list(Predicate<String> hostedHere, long seq) {
    Map<String, List<String>> byNode = new TreeMap<>();
    List<JsonObject> offline = new ArrayList<>();
    ownership.owners().forEach((zone, owner) -> {
      if (!owner.equals(ownership.node())) {
        byNode.computeIfAbsent(owner, node -> new ArrayList<>()).add(zone);
      } else if (!hostedHere.test(zone)) {
        offline.add(offline(zone, owner, seq));
      }
    });
    List<Future<List<JsonObject>>> answers = new ArrayList<>();
    byNode.forEach((node, zones) -> answers.add(bus.<JsonArray>request(address(node), new JsonObject().put(OP, LIST), OPTIONS)
        .map(reply -> reply.body().stream().map(JsonObject.class::cast).toList())
        .otherwise(failure -> zones.stream().map(zone -> offline(zone, node, seq)).toList())));
    return Future.all(answers).map(all -> {
      List<JsonObject> states = new ArrayList<>(offline);
      answers.forEach(answer -> states.addAll(answer.result()));
      return states;
    });
  }

  /** A zone no node drives right now: its owner is gone or it is being adopted ({@code owner} is {@code null} while unknown). */
  static JsonObject offline(String zone, String owner, long seq) {
    return new JsonObject().put("zone", zone).putNull("temperature").putNull("desired").put("heaterOn", false).put("input", "")
        .put("readings", "stale").put("fault", "offline: no node drives this zone right now; its heater is off until its owner runs it")
        .put("at", Instant.now().toString()).put("seq", seq).put("owner", owner).put("online", false);
  }

  private Future<JsonObject> ask(String node, JsonObject request) {
    return bus.<JsonObject>request(address(node), request, OPTIONS).map(Message::body)
        .recover(failure -> Future.failedFuture(Refusal.of(failure, () -> Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS,
            "zone '" + request.getString("zone") + "' is owned by node " + node + ", which does not answer; try again shortly"))));
  }
}
