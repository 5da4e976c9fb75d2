package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chapter's event-bus example, through the Java API, with wakeups instead of busy polling. */
class ChapterExampleTest {

  private final ExecutorService consumers = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopConsumers() {
    consumers.shutdownNow();
  }

  @Test
  void shouldDeliverEveryValueToBothConsumersThenTombstoneAndSweepThem() throws Exception {
    SubscriberBus<Float> bus = new SubscriberBus<>();
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    Subscription<Float> one = bus.subscribe();
    Subscription<Float> two = bus.subscribe();

    Future<List<Float>> first = consumers.submit(() -> consume(one, printed));
    Future<List<Float>> second = consumers.submit(() -> consume(two, printed));
    bus.publish("value", "home", 1.0f);
    bus.publish("value", "home", 2.0f);
    bus.publish("value", "home", 3.0f);

    assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(1.0f, 2.0f, 3.0f);
    assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly(1.0f, 2.0f, 3.0f);
    assertThat(printed).containsExactlyInAnyOrder(
        "id: 0 value: 1.0", "id: 1 value: 1.0",
        "id: 0 value: 2.0", "id: 1 value: 2.0",
        "id: 0 value: 3.0", "id: 1 value: 3.0");

    BusSnapshot before = bus.snapshot();
    assertThat(before.subscriptions()).extracting(SubscriptionInfo::id).containsExactly(0L, 1L);
    assertThat(before.subscriptions()).allSatisfy(s -> {
      assertThat(s.state()).isEqualTo(SubscriptionState.TOMBSTONED);
      assertThat(s.lag()).isZero();
    });

    assertThat(bus.sweep()).isEqualTo(2);
    assertThat(bus.snapshot().subscriptions()).isEmpty();
    assertThat(bus.snapshot().published()).isEqualTo(3);
  }

  /** The chapter's consume_event_bus: print each value, unsubscribe on 3.0. */
  private static List<Float> consume(Subscription<Float> handle, List<String> printed) throws Exception {
    List<Float> seen = new ArrayList<>();
    try (handle) {
      while (true) {
        Delivery<Float> delivery = handle.poll();
        if (delivery == null) {
          CompletableFuture<Void> available = new CompletableFuture<>();
          handle.onAvailable(() -> available.complete(null));
          available.get(10, TimeUnit.SECONDS);
          continue;
        }
        float value = ((Envelope<Float>) delivery).data();
        printed.add("id: " + handle.id() + " value: " + value);
        seen.add(value);
        if (value == 3.0f) {
          return seen;
        }
      }
    }
  }
}
