package io.thermobus.bus.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.bus.StartAt;
import io.thermobus.bus.SubscriberBus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The long-poll answers only with a delivery, the subscription's end or its timeout: never early and empty. */
@ExtendWith(VertxExtension.class)
class BusServiceLongPollTest {

  private final SubscriberBus<JsonObject> bus = new SubscriberBus<>();
  private final BusService service = new BusService(bus, Duration.ofSeconds(60), Duration.ofSeconds(1), 30_000);

  @Test
  void shouldKeepWaitingWhenWokenByAnEventBeforeTheCursorsStart(Vertx vertx, VertxTestContext test) {
    long start = bus.head() + 3;
    long id = bus.subscribeDetached(List.of(), StartAt.seq(start), Duration.ofSeconds(60), null).id();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(go -> {
      Future<JsonObject> poll = service.drain(id, BusCaller.asOperator(), 10, 20_000, context);
      bus.publish("note", "home", new JsonObject().put("n", 1));
      bus.publish("note", "home", new JsonObject().put("n", 2));
      // Runs after the wakeups those publishes queued on this context.
      context.runOnContext(woken -> {
        test.verify(() -> assertThat(poll.isComplete()).as("answered before its start was published").isFalse());
        bus.publish("note", "home", new JsonObject().put("n", 3));
        poll.onComplete(test.succeeding(answer -> test.verify(() -> {
          assertThat(answer.getJsonArray("events")).hasSize(1);
          assertThat(answer.getJsonArray("events").getJsonObject(0).getLong("seq")).isEqualTo(start);
          test.completeNow();
        })));
      });
    });
  }

  @Test
  void shouldAnswerGoneWhenTheSubscriptionEndsWhileWaiting(Vertx vertx, VertxTestContext test) throws Exception {
    long id = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofSeconds(60), null).id();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(go -> {
      Future<JsonObject> poll = service.drain(id, BusCaller.asOperator(), 10, 20_000, context);
      bus.unsubscribe(id);
      poll.onComplete(test.failing(gone -> test.verify(() -> {
        assertThat(((io.thermobus.Refusal) gone).status()).isEqualTo(410);
        test.completeNow();
      })));
    });
    assertThat(test.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
  }
}
