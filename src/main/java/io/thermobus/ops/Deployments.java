package io.thermobus.ops;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verticles the service deployed, by name ({@code home/display}, {@code web}, ...), with the
 * deployment id each runs under now, so readiness can tell which one is missing. Written by
 * deployment callbacks and read by health checks on any thread, hence synchronized.
 */
public final class Deployments {

  private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

  private final Vertx vertx;
  private final Map<String, String> ids = new TreeMap<>();

  public Deployments(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Deploys {@code verticle} and remembers it under {@code name}, replacing an earlier deployment of that name. */
  public Future<String> deploy(String name, Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(id -> {
      record(name, id);
      LOG.debug("Deployed {} as {}", name, id);
    });
  }

  /** Deploys {@code instances} verticles from {@code verticles} as one deployment under {@code name}. */
  public Future<String> deploy(String name, Supplier<? extends Deployable> verticles, int instances) {
    return vertx.deployVerticle(verticles, new DeploymentOptions().setInstances(instances)).onSuccess(id -> {
      record(name, id);
      LOG.debug("Deployed {} instances of {} as {}", instances, name, id);
    });
  }

  public synchronized void record(String name, String deploymentId) {
    ids.put(name, deploymentId);
  }

  /** The id {@code name} was last deployed under, or {@code null} if it never was. */
  public synchronized String id(String name) {
    return ids.get(name);
  }

  /** Whether the last deployment of {@code name} is still deployed. */
  public boolean isDeployed(String name) {
    String id = id(name);
    return id != null && vertx.deploymentIDs().contains(id);
  }

  /** Every name with whether it is still deployed, sorted by name. */
  public Map<String, Boolean> status() {
    Map<String, String> copy;
    synchronized (this) {
      copy = new TreeMap<>(ids);
    }
    Set<String> live = vertx.deploymentIDs();
    Map<String, Boolean> status = new TreeMap<>();
    copy.forEach((name, id) -> status.put(name, live.contains(id)));
    return status;
  }
}
