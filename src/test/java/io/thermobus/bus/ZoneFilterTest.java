package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ZoneFilterTest {

  private final ManualClock clock = new ManualClock();
  private final SubscriberBus<String> bus = new SubscriberBus<>(new Retention(100, Duration.ofMinutes(10)), clock);

  private static List<String> zones(List<Delivery<String>> deliveries) {
    return deliveries.stream().map(d -> ((Envelope<String>) d).zone() + "/" + ((Envelope<String>) d).topic()).toList();
  }

  @Test
  void shouldHandANarrowedSubscriberOnlyItsZonesEvents() {
    Subscription<String> kitchen = bus.subscribe(List.of(), "kitchen", StartAt.latest());
    bus.publish("temperature", "home", "a");
    bus.publish("temperature", "kitchen", "b");
    bus.publish("heater", "home", "c");
    bus.publish("heater", "kitchen", "d");
    assertThat(zones(kitchen.drain(10))).containsExactly("kitchen/temperature", "kitchen/heater");
    assertThat(kitchen.info().next()).isEqualTo(5);
  }

  @Test
  void shouldNarrowByZoneAndTopicTogether() {
    Subscription<String> kitchenHeater = bus.subscribe(List.of("heater"), "kitchen", StartAt.latest());
    bus.publish("temperature", "kitchen", "a");
    bus.publish("heater", "home", "b");
    bus.publish("heater", "kitchen", "c");
    assertThat(zones(kitchenHeater.drain(10))).containsExactly("kitchen/heater");
  }

  @Test
  void shouldNotWakeANarrowedSubscriberForOtherZonesEvents() {
    Subscription<String> kitchen = bus.subscribe(List.of(), "kitchen", StartAt.latest());
    Subscription<String> kitchenHeater = bus.subscribe(List.of("heater"), "kitchen", StartAt.latest());
    AtomicInteger woken = new AtomicInteger();
    kitchen.onAvailable(woken::incrementAndGet);
    kitchenHeater.onAvailable(woken::incrementAndGet);
    bus.publish("temperature", "home", "a");
    bus.publish("heater", "home", "b");
    assertThat(woken).hasValue(0);
    bus.publish("heater", "kitchen", "c");
    assertThat(woken).hasValue(2);
  }

  @Test
  void shouldStillGiveANarrowedSubscriberBehindRetentionALaggedMarker() {
    SubscriberBus<String> small = new SubscriberBus<>(new Retention(2, Duration.ofMinutes(10)), clock);
    Subscription<String> kitchen = small.subscribe(List.of(), "kitchen", StartAt.latest());
    small.publish("t", "home", "a");
    small.publish("t", "kitchen", "b");
    small.publish("t", "home", "c");
    small.publish("t", "kitchen", "d");
    List<Delivery<String>> got = kitchen.drain(10);
    assertThat(got.get(0)).isEqualTo(new Lagged<String>(2, 3));
    assertThat(zones(got.subList(1, got.size()))).containsExactly("kitchen/t");
  }
}
