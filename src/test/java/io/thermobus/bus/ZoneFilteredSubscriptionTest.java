package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A subscription narrowed to one zone: the bus skips the other zones' events on their envelope and never wakes it for them. */
class ZoneFilteredSubscriptionTest {

  private final SubscriberBus<String> bus = new SubscriberBus<>(new Retention(1000, Duration.ofMinutes(10)), new ManualClock());

  @Test
  void shouldDeliverOnlyItsZonesEventsOfItsTopics() {
    try (Subscription<String> attic = bus.subscribe(List.of("temperature"), "attic", StartAt.latest())) {
      bus.publish("temperature", "home", "h1");
      bus.publish("temperature", "attic", "a1");
      bus.publish("desired", "attic", "a2");
      bus.publish("temperature", "attic", "a3");

      assertThat(attic.drain(10)).extracting(delivery -> ((Envelope<String>) delivery).data()).containsExactly("a1", "a3");
    }
  }

  @Test
  void shouldNotWakeForOtherZonesEvents() {
    try (Subscription<String> attic = bus.subscribe(List.of(), "attic", StartAt.latest())) {
      AtomicInteger woken = new AtomicInteger();
      Wakeup waiting = attic.onAvailable(woken::incrementAndGet);
      for (int i = 0; i < 100; i++) {
        bus.publish("temperature", "zone-" + i, "x");
      }
      assertThat(woken).as("99,999 other zones cost this subscriber nothing").hasValue(0);
      assertThat(attic.drain(10)).isEmpty();

      bus.publish("frame", "attic", "mine");
      assertThat(woken).as("its own zone's event wakes it").hasValue(1);
      assertThat(waiting.cancel()).as("already fired").isFalse();
      assertThat(attic.drain(10)).extracting(delivery -> ((Envelope<String>) delivery).data()).containsExactly("mine");
    }
  }

  @Test
  void shouldNotWakeForItsZonesOtherTopics() {
    try (Subscription<String> atticHeater = bus.subscribe(List.of("heater"), "attic", StartAt.latest())) {
      AtomicInteger woken = new AtomicInteger();
      atticHeater.onAvailable(woken::incrementAndGet);
      bus.publish("temperature", "attic", "x");
      bus.publish("heater", "home", "y");
      assertThat(woken).as("another topic of its zone, its topic in another zone").hasValue(0);

      bus.publish("heater", "attic", "on");
      assertThat(woken).hasValue(1);
      assertThat(atticHeater.drain(10)).extracting(delivery -> ((Envelope<String>) delivery).data()).containsExactly("on");
    }
  }
}
