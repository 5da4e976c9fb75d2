package io.thermobus.ops;

import io.thermobus.event.Concern;
import io.thermobus.event.Readings;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.event.ZoneStates;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Liveness (the process answers) and readiness: one named procedure per condition, each with its
 * own detail: verticles deployed, zones answering without a fault, settings being saved, HTTP bound. The service
 * adds a {@code cluster} procedure to the same {@link HealthChecks}: this node is a member of a running cluster
 * (a lone node is a cluster of one).
 */
public final class Health {

  static final int NAMED = 10;

  private Health() {}

  public static HealthChecks liveness(Vertx vertx) {
    return HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
  }

  /**
   * Ready when every verticle is deployed ({@code verticles} tells which by name) and every hosted
   * zone answers with readings and without a fault, and its settings can be saved.
   */
  public static HealthChecks readiness(Vertx vertx, ZoneDirectory directory, Supplier<Map<String, Boolean>> verticles,
                                       SettingsHealth settings) {
    return HealthChecks.create(vertx)
        .register("verticles", promise -> {
          Map<String, Boolean> status = verticles.get();
          JsonObject detail = new JsonObject();
          status.forEach((name, deployed) -> detail.put(name, deployed ? "deployed" : "missing"));
          promise.complete(status.containsValue(false) ? Status.KO(detail) : Status.OK(detail));
        })
        .register("zones", ZoneRequests.TIMEOUT_MILLIS + 1_000,
            promise -> zoneStates(vertx, directory).onComplete(done -> promise.complete(done.result())))
        .register("settings", promise -> promise.complete(settingsStatus(directory, settings)));
  }

  /** Registers the {@code http} procedure once the server is bound: up while the web verticle is deployed. */
  public static void httpBound(HealthChecks readiness, Deployments deployments, String webName, int port) {
    readiness.register("http", promise -> {
      JsonObject detail = new JsonObject().put("port", port);
      promise.complete(deployments.isDeployed(webName) ? Status.OK(detail) : Status.KO(detail));
    });
  }

  /**
   * Counts the hosted zones whose settings cannot be saved now, and names up to {@value #NAMED} of
   * them with why: it stays small with 100,000 zones.
   */
  private static Status settingsStatus(ZoneDirectory directory, SettingsHealth settings) {
    Map<String, String> failing = settings.failures(NAMED);
    int count = settings.failingCount();
    JsonObject detail = new JsonObject().put("hosted", directory.size()).put("cannotSave", count);
    if (count == 0) {
      return Status.OK(detail);
    }
    JsonObject notSaved = new JsonObject();
    failing.forEach((zone, reason) -> notSaved.put(zone, "cannot save: " + reason));
    return Status.KO(detail.put("notSaved", notSaved));
  }

  /**
   * Asks each display shard once for all its zones. The detail counts zones by health and names
   * up to {@value #NAMED} zones that are not up, with why: it stays small with 100,000 zones.
   */
  private static Future<Status> zoneStates(Vertx vertx, ZoneDirectory directory) {
    List<Future<ZoneStates>> shards = ZoneRequests.states(vertx.eventBus(), directory);
    return Future.join(shards).transform(done -> {
      Map<String, Integer> counts = new TreeMap<>();
      JsonObject notUp = new JsonObject();
      int answered = 0;
      for (int shard = 0; shard < shards.size(); shard++) {
        if (shards.get(shard).failed()) {
          counts.merge("not answering", 1, Integer::sum);
          if (notUp.size() < NAMED) {
            notUp.put(Concern.DISPLAY.shardName(shard), "not answering");
          }
          continue;
        }
        for (ZoneState state : shards.get(shard).result().states()) {
          answered++;
          String health = health(state);
          counts.merge(health.startsWith("fault") ? "fault" : health, 1, Integer::sum);
          if (!health.equals("up") && notUp.size() < NAMED) {
            notUp.put(state.zone(), health);
          }
        }
      }
      JsonObject detail = new JsonObject().put("hosted", directory.size()).put("answered", answered);
      counts.forEach(detail::put);
      if (!notUp.isEmpty()) {
        detail.put("notUp", notUp);
      }
      boolean allUp = notUp.isEmpty() && answered == directory.size();
      return Future.succeededFuture(allUp ? Status.OK(detail) : Status.KO(detail));
    });
  }

  private static String health(ZoneState state) {
    if (state.fault() != null) {
      return "fault: " + state.fault();
    }
    if (state.readings() == Readings.WAITING) {
      return "waiting for a first reading";
    }
    return state.desiredCenti() == null ? "waiting for the desired temperature" : "up";
  }
}
