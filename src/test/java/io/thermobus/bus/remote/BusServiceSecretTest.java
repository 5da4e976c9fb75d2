package io.thermobus.bus.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.Refusal;
import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading and ending a subscription take its secret or the operator's authority; the bus holds a bounded number of them. */
@ExtendWith(VertxExtension.class)
class BusServiceSecretTest {

  private final SubscriberBus<JsonObject> bus = new SubscriberBus<>(Retention.defaults(), InstantSource.system(), 3);
  private final BusService service = new BusService(bus, Duration.ofSeconds(60), Duration.ofSeconds(1), 30_000);

  @Test
  void shouldRefuseAStrangerAndAcceptTheSecretOrTheOperator(Vertx vertx) {
    JsonObject created = service.subscribe(new JsonObject());
    long id = created.getLong("id");
    String secret = created.getString("secret");
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
    assertThat(service.introspect(-1, 100).encode()).doesNotContain(secret);

    assertStatus(() -> service.drain(id, BusCaller.showing(null), 1, 0, vertx.getOrCreateContext()), 401);
    assertStatus(() -> service.drain(id, BusCaller.showing(secret + "x"), 1, 0, vertx.getOrCreateContext()), 401);
    assertStatus(() -> service.unsubscribe(id, BusCaller.showing("guess")), 401);
    JsonObject other = service.subscribe(new JsonObject());
    assertStatus(() -> service.unsubscribe(id, BusCaller.showing(other.getString("secret"))), 401);
    assertThat(bus.info(id).state().name()).isEqualTo("LIVE");

    assertThat(service.drain(id, BusCaller.showing(secret), 1, 0, vertx.getOrCreateContext()).succeeded()).isTrue();
    assertThat(service.drain(other.getLong("id"), BusCaller.asOperator(), 1, 0, vertx.getOrCreateContext()).succeeded()).isTrue();
    assertThat(service.unsubscribe(id, BusCaller.showing(secret)).getString("state")).isEqualTo("tombstoned");
    assertThat(service.unsubscribe(id, BusCaller.showing(null)).getString("state")).as("ending a dead one changes nothing").isEqualTo("tombstoned");
    assertStatus(() -> service.drain(id, BusCaller.showing(secret), 1, 0, vertx.getOrCreateContext()), 410);
  }

  @Test
  void shouldRefuseSubscriptionsBeyondTheLimitUntilTheSweepRemovesEndedOnes() {
    long first = service.subscribe(new JsonObject()).getLong("id");
    service.subscribe(new JsonObject());
    service.subscribe(new JsonObject());
    assertStatus(() -> service.subscribe(new JsonObject()), 429);
    service.unsubscribe(first, BusCaller.asOperator());
    assertStatus(() -> service.subscribe(new JsonObject()), 429);
    bus.sweep();
    assertThat(service.subscribe(new JsonObject()).getLong("id")).isGreaterThan(first);
    assertThat(bus.subscribe().id()).as("a stream's own subscription does not count").isPositive();
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(status));
  }
}
