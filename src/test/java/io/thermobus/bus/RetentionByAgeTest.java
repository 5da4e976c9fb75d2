package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionByAgeTest {

  private final ManualClock clock = new ManualClock();
  private final SubscriberBus<Integer> bus = new SubscriberBus<>(new Retention(1000, Duration.ofSeconds(10)), clock);

  @Test
  void shouldEvictEventsOlderThanTheMaxAgeWhenTheNextOneIsPublished() {
    bus.publish("t", "home", 1);
    clock.advance(Duration.ofSeconds(6));
    bus.publish("t", "home", 2);
    clock.advance(Duration.ofSeconds(5));
    bus.publish("t", "home", 3);

    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.oldestSeq()).isEqualTo(2);
    assertThat(snapshot.retained()).isEqualTo(2);
  }

  @Test
  void shouldKeepAnEventExactlyMaxAgeOld() {
    bus.publish("t", "home", 1);
    clock.advance(Duration.ofSeconds(10));
    bus.publish("t", "home", 2);
    assertThat(bus.snapshot().oldestSeq()).isEqualTo(1);
  }

  @Test
  void shouldEvictByAgeOnSweepWhenNothingIsPublished() {
    bus.publish("t", "home", 1);
    bus.publish("t", "home", 2);
    clock.advance(Duration.ofSeconds(11));
    assertThat(bus.snapshot().retained()).isEqualTo(2);
    bus.sweep();
    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.retained()).isZero();
    assertThat(snapshot.oldestSeq()).isEqualTo(3);
    assertThat(snapshot.published()).isEqualTo(2);
  }

  @Test
  void shouldGiveASubscriberBehindAnAgedOutWindowALaggedMarker() {
    Subscription<Integer> sub = bus.subscribe();
    bus.publish("t", "home", 1);
    bus.publish("t", "home", 2);
    clock.advance(Duration.ofSeconds(30));
    bus.publish("t", "home", 3);
    List<Delivery<Integer>> got = sub.drain(10);
    assertThat(got).hasSize(2);
    assertThat(got.get(0)).isEqualTo(new Lagged<Integer>(2, 3));
    assertThat(((Envelope<Integer>) got.get(1)).data()).isEqualTo(3);
  }

  @Test
  void shouldStartEarliestAfterTheAgedOutEvents() {
    bus.publish("t", "home", 1);
    clock.advance(Duration.ofSeconds(30));
    bus.publish("t", "home", 2);
    assertThat(bus.subscribe(List.of(), StartAt.earliest()).info().next()).isEqualTo(2);
  }

  @Test
  void shouldResolveATimeBeforeTheRetainedWindowToTheOldestRetainedEvent() {
    bus.publish("t", "home", 1);
    clock.advance(Duration.ofSeconds(30));
    bus.publish("t", "home", 2);
    assertThat(bus.subscribe(List.of(), StartAt.time(clock.instant().minusSeconds(3600))).info().next()).isEqualTo(2);
  }
}
