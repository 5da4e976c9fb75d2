package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.Reference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakedHandlesTest {

  private static final int DROPPED = 500;

  @Test
  void shouldUnsubscribeHandlesThatWereDroppedWithoutClose() {
    SubscriberBus<Integer> bus = new SubscriberBus<>();
    Subscription<Integer> kept = bus.subscribe();
    subscribeAndDrop(bus);
    bus.publish("t", "home", 1);

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      System.gc();
      assertThat(bus.snapshot().subscriptions())
          .filteredOn(s -> s.state() == SubscriptionState.LIVE)
          .extracting(SubscriptionInfo::id).containsExactly(kept.id());
    });
    assertThat(bus.sweep()).isEqualTo(DROPPED);
    assertThat(bus.snapshot().subscriptions()).extracting(SubscriptionInfo::id).containsExactly(kept.id());
    assertThat(kept.poll()).isNotNull();
    Reference.reachabilityFence(kept);
  }

  private static void subscribeAndDrop(SubscriberBus<Integer> bus) {
    for (int i = 0; i < DROPPED; i++) {
      bus.subscribe();
    }
    assertThat(bus.snapshot().subscriptions()).hasSize(DROPPED + 1);
  }
}
