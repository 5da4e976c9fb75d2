package io.thermobus.ops;

import io.thermobus.event.Readings;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.settings.SettingsHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Liveness (the process answers) and readiness: one named procedure per condition, each with its
 * own detail: verticles deployed, zones answering without a fault, settings being saved, HTTP bound. The service
 * adds a {@code cluster} procedure to the same {@link HealthChecks}: this node is a member of a running cluster
 * (a lone node is a cluster of one).
 */
public final class Health {

  private Health() {}

  public static HealthChecks liveness(Vertx vertx) {
    return HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
  }

  /**
   * Ready when every verticle is deployed ({@code verticles} tells which by name) and every hosted
   * zone answers with readings and without a fault, and its settings can be saved.
   */
  public static HealthChecks readiness(Vertx vertx, List<String> zones, Supplier<Map<String, Boolean>> verticles,
                                       SettingsHealth settings) {
    return HealthChecks.create(vertx)
        .register("verticles", promise -> {
          Map<String, Boolean> status = verticles.get();
          JsonObject detail = new JsonObject();
          status.forEach((name, deployed) -> detail.put(name, deployed ? "deployed" : "missing"));
          promise.complete(status.containsValue(false) ? Status.KO(detail) : Status.OK(detail));
        })
        .register("zones", ZoneRequests.TIMEOUT_MILLIS + 1_000, promise -> zoneStates(vertx, zones).onComplete(done -> promise.complete(done.result())))
        .register("settings", promise -> {
          JsonObject detail = new JsonObject();
          boolean allSaved = true;
          for (String zone : zones) {
            String failure = settings.failure(zone);
            detail.put(zone, failure == null ? "saved" : "cannot save: " + failure);
            allSaved &= failure == null;
          }
          promise.complete(allSaved ? Status.OK(detail) : Status.KO(detail));
        });
  }

  /** Registers the {@code http} procedure once the server is bound: up while the web verticle is deployed. */
  public static void httpBound(HealthChecks readiness, Deployments deployments, String webName, int port) {
    readiness.register("http", promise -> {
      JsonObject detail = new JsonObject().put("port", port);
      promise.complete(deployments.isDeployed(webName) ? Status.OK(detail) : Status.KO(detail));
    });
  }

  private static Future<Status> zoneStates(Vertx vertx, List<String> zones) {
    List<Future<ZoneState>> states = zones.stream()
        .map(zone -> ZoneRequests.state(vertx.eventBus(), zone))
        .toList();
    return Future.join(states).transform(done -> {
      JsonObject detail = new JsonObject();
      boolean allUp = true;
      for (int i = 0; i < zones.size(); i++) {
        String health = health(states.get(i));
        detail.put(zones.get(i), health);
        allUp &= health.equals("up");
      }
      return Future.succeededFuture(allUp ? Status.OK(detail) : Status.KO(detail));
    });
  }

  private static String health(Future<ZoneState> state) {
    if (state.failed()) {
      return "not answering";
    }
    if (state.result().fault() != null) {
      return "fault: " + state.result().fault();
    }
    if (state.result().readings() == Readings.WAITING) {
      return "waiting for a first reading";
    }
    return state.result().desiredCenti() == null ? "waiting for the desired temperature" : "up";
  }
}
