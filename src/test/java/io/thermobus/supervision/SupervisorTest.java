package io.thermobus.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private Vertx vertx;
  private final AtomicInteger starts = new AtomicInteger();
  private final AtomicInteger stops = new AtomicInteger();

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldDeployEveryChildInOrder() throws Exception {
    StringBuilder order = new StringBuilder();
    Map<String, Supplier<Deployable>> children = new LinkedHashMap<>();
    children.put("a", () -> recording(order, "a"));
    children.put("b", () -> recording(order, "b"));
    children.put("c", () -> recording(order, "c"));
    Supervisor supervisor = new Supervisor(children, Duration.ofMillis(50));
    vertx.deployVerticle(supervisor).await(10, TimeUnit.SECONDS);
    assertThat(order).hasToString("abc");
    assertThat(supervisor.missing()).isEmpty();
  }

  @Test
  void shouldRedeployAChildThatIsUndeployedAndReportItMissingMeanwhile() throws Exception {
    Supervisor supervisor = deploy(Map.of("child", this::counting), Duration.ofMillis(300));
    String first = supervisor.deploymentId("child");
    vertx.undeploy(first).await(10, TimeUnit.SECONDS);
    assertThat(supervisor.missing()).containsExactly("child");
    await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.missing().isEmpty());
    assertThat(starts).hasValue(2);
    assertThat(supervisor.deploymentId("child")).isNotEqualTo(first);
  }

  @Test
  void shouldRetryAChildThatFailsToStartWithAGrowingBackoff() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Supplier<Deployable> failsThreeTimes = () -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return attempts.incrementAndGet() <= 3 ? Future.failedFuture("broken sensor") : Future.succeededFuture();
      }
    };
    long began = System.nanoTime();
    Supervisor supervisor = deploy(Map.of("flaky", failsThreeTimes), Duration.ofMillis(100));
    assertThat(supervisor.missing()).containsExactly("flaky");
    await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.missing().isEmpty());
    assertThat(attempts).hasValue(4);
    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("100 + 200 + 400 ms of backoff").isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void shouldNotRedeployChildrenWhenItIsUndeployedItself() throws Exception {
    Supervisor supervisor = deploy(Map.of("child", this::counting), Duration.ofMillis(1));
    vertx.undeploy(supervisor.deploymentID()).await(10, TimeUnit.SECONDS);
    assertThat(stops).hasValue(1);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(starts).hasValue(1));
    assertThat(vertx.deploymentIDs()).isEmpty();
  }

  private Supervisor deploy(Map<String, Supplier<Deployable>> children, Duration backoff) throws Exception {
    Supervisor supervisor = new Supervisor(children, backoff);
    vertx.deployVerticle(supervisor).await(10, TimeUnit.SECONDS);
    return supervisor;
  }

  private Deployable counting() {
    return new VerticleBase() {
      @Override
      public Future<?> start() {
        starts.incrementAndGet();
        return Future.succeededFuture();
      }

      @Override
      public Future<?> stop() {
        stops.incrementAndGet();
        return Future.succeededFuture();
      }
    };
  }

  private static Deployable recording(StringBuilder order, String name) {
    return new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.timer(10).onSuccess(done -> order.append(name));
      }
    };
  }
}
