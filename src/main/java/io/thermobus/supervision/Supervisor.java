package io.thermobus.supervision;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps named verticles deployed: one that fails to start, or that anyone but this supervisor
 * undeploys, is deployed again from its factory after a backoff that doubles with each failure
 * in a row. Its children are deployed in the given order, the first time one after the other.
 */
public final class Supervisor extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Map<String, Supplier<Deployable>> factories;
  private final Duration firstBackoff;
  // Written on this verticle's event loop and by undeploying children, read by health checks and tests from any thread.
  private final Map<String, String> deployed = new ConcurrentHashMap<>();
  // Owned by this verticle's event loop.
  private final Map<String, Integer> failuresInARow = new HashMap<>();
  private final Map<String, Long> deployedAt = new HashMap<>();
  // Set by stop() on the event loop or by stopRestarting() from a shutdown thread.
  private volatile boolean stopping;

  public Supervisor(Map<String, Supplier<Deployable>> factories, Duration firstBackoff) {
    this.factories = new LinkedHashMap<>(Objects.requireNonNull(factories, "factories"));
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
  }

  @Override
  public Future<?> start() {
    Future<?> chain = Future.succeededFuture();
    for (String name : factories.keySet()) {
      chain = chain.compose(previous -> deploy(name).otherwiseEmpty());
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return Future.succeededFuture();
  }

  /** From now on nothing is deployed again: the service is shutting down. Any thread. */
  public void stopRestarting() {
    stopping = true;
  }

  /** The children that are not deployed right now, in deployment order. */
  public List<String> missing() {
    return factories.keySet().stream().filter(name -> !deployed.containsKey(name)).toList();
  }

  /** The deployment id of a child while it is deployed. */
  public String deploymentId(String name) {
    return deployed.get(name);
  }

  private Future<String> deploy(String name) {
    Watched child = new Watched(name, factories.get(name).get(), context);
    return vertx.deployVerticle(child)
        .onSuccess(id -> {
          deployed.put(name, id);
          deployedAt.put(name, System.nanoTime());
          if (failuresInARow.containsKey(name)) {
            LOG.info("{} is deployed again", name);
          }
        })
        .onFailure(failure -> retryLater(name, "failed to start: " + failure));
  }

  /** Runs on this verticle's event loop when a child was undeployed, by us or anyone else. */
  private void lost(String name) {
    if (stopping) {
      return;
    }
    Long since = deployedAt.get(name);
    if (since != null && System.nanoTime() - since > MAX_BACKOFF.toNanos()) {
      failuresInARow.remove(name);
    }
    retryLater(name, "was undeployed");
  }

  /** Logs only when the timer fires: a shutdown undeploys every child just before it stops this supervisor. */
  private void retryLater(String name, String why) {
    if (stopping) {
      return;
    }
    int failures = failuresInARow.merge(name, 1, Integer::sum);
    long delay = Math.min(MAX_BACKOFF.toMillis(), firstBackoff.toMillis() << Math.min(failures - 1, 20));
    vertx.setTimer(delay, id -> {
      if (!stopping) {
        LOG.error("{} {} {} ms ago; deploying it again (failure {} in a row)", name, why, delay, failures);
        deploy(name);
      }
    });
  }

  /** Wraps a child so that the supervisor hears of its undeployment, whoever asked for it. */
  private final class Watched implements Deployable {

    private final String name;
    private final Deployable delegate;
    private final Context supervisorContext;

    Watched(String name, Deployable delegate, Context supervisorContext) {
      this.name = name;
      this.delegate = delegate;
      this.supervisorContext = supervisorContext;
    }

    @Override
    public Future<?> deploy(Context context) throws Exception {
      return delegate.deploy(context);
    }

    @Override
    public Future<?> undeploy(Context context) throws Exception {
      // Missing as soon as the undeployment completes, before the supervisor's loop hears of it.
      return delegate.undeploy(context).andThen(done -> {
        deployed.remove(name);
        supervisorContext.runOnContext(v -> lost(name));
      });
    }
  }
}
