package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionByBytesTest {

  /** Room for three events of 100 payload bytes, not four. */
  private static final long MAX_BYTES = 3 * (100 + Retention.ENVELOPE_BYTES) + 50;

  private final ManualClock clock = new ManualClock();
  private final SubscriberBus<String> bus =
      new SubscriberBus<>(new Retention(1000, Duration.ofMinutes(10), MAX_BYTES), clock, 10, String::length);

  private static String payload(int bytes) {
    return "x".repeat(bytes);
  }

  @Test
  void shouldEvictTheOldestEventsOnceTheRetainedBytesWouldPassTheBound() {
    for (int i = 0; i < 5; i++) {
      bus.publish("t", "home", payload(100));
    }
    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.retained()).isEqualTo(3);
    assertThat(snapshot.oldestSeq()).isEqualTo(3);
  }

  @Test
  void shouldEvictAsManySmallEventsAsOneHeavyEventNeeds() {
    for (int i = 0; i < 3; i++) {
      bus.publish("t", "home", payload(100));
    }
    bus.publish("t", "home", payload(250));
    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.oldestSeq()).isEqualTo(3);
    assertThat(snapshot.retained()).isEqualTo(2);
  }

  @Test
  void shouldKeepTheNewestEventEvenWhenItAloneIsHeavierThanTheBound() {
    bus.publish("t", "home", payload(10));
    bus.publish("t", "home", payload(10_000));
    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.retained()).isEqualTo(1);
    assertThat(snapshot.oldestSeq()).isEqualTo(2);
    bus.publish("t", "home", payload(10));
    assertThat(bus.snapshot().oldestSeq()).isEqualTo(3);
  }

  @Test
  void shouldFreeTheWeightOfEventsEvictedByAgeAndByCount() {
    SubscriberBus<String> counted = new SubscriberBus<>(new Retention(2, Duration.ofSeconds(10), MAX_BYTES), clock, 10, String::length);
    counted.publish("t", "home", payload(100));
    counted.publish("t", "home", payload(100));
    counted.publish("t", "home", payload(100));
    counted.publish("t", "home", payload(100));
    assertThat(counted.snapshot().retained()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(11));
    counted.sweep();
    assertThat(counted.snapshot().retained()).isZero();
    counted.publish("t", "home", payload(100));
    counted.publish("t", "home", payload(100));
    assertThat(counted.snapshot().retained()).isEqualTo(2);
    assertThat(counted.snapshot().oldestSeq()).isEqualTo(5);
  }

  @Test
  void shouldGiveASubscriberBehindTheWeightBoundALaggedMarker() {
    Subscription<String> sub = bus.subscribe();
    for (int i = 0; i < 5; i++) {
      bus.publish("t", "home", payload(100));
    }
    List<Delivery<String>> got = sub.drain(10);
    assertThat(got).hasSize(4);
    assertThat(got.get(0)).isEqualTo(new Lagged<String>(2, 3));
    assertThat(((Envelope<String>) got.get(1)).seq()).isEqualTo(3);
  }

  @Test
  void shouldRefuseABoundBelowOneEnvelope() {
    assertThatThrownBy(() -> new Retention(10, Duration.ofSeconds(1), Retention.ENVELOPE_BYTES - 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
