package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SubscriberBusTest {

  private final ManualClock clock = new ManualClock();
  private final SubscriberBus<String> bus = new SubscriberBus<>(new Retention(5, Duration.ofMinutes(10)), clock);

  private void publish(String topic, int count) {
    for (int i = 0; i < count; i++) {
      bus.publish(topic, "home", topic + "#" + i);
    }
  }

  private static List<Long> seqs(List<Delivery<String>> deliveries) {
    List<Long> seqs = new ArrayList<>();
    for (Delivery<String> d : deliveries) {
      seqs.add(d instanceof Envelope<String> e ? e.seq() : -((Lagged<String>) d).lagged());
    }
    return seqs;
  }

  @Test
  void shouldStampGaplessSeqsFromOneWithTheClockTime() {
    Envelope<String> first = bus.publish("temperature", "home", "a");
    clock.advance(Duration.ofMillis(5));
    Envelope<String> second = bus.publish("heater", "attic", "b");
    assertThat(first.seq()).isEqualTo(1);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.at()).isEqualTo(clock.instant());
    assertThat(second.zone()).isEqualTo("attic");
    assertThat(bus.head()).isEqualTo(2);
  }

  @Test
  void shouldNeverStampAnEarlierTimeThanThePreviousEventWhenTheClockStepsBack() {
    Envelope<String> first = bus.publish("t", "home", "a");
    clock.advance(Duration.ofSeconds(-30));
    assertThat(bus.publish("t", "home", "b").at()).isEqualTo(first.at());
  }

  @Test
  void shouldStartLatestAtTheNextEvent() {
    publish("t", 2);
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.latest());
    assertThat(sub.info().next()).isEqualTo(3);
    assertThat(sub.poll()).isNull();
    publish("t", 1);
    assertThat(seqs(sub.drain(10))).containsExactly(3L);
  }

  @Test
  void shouldStartEarliestAtTheOldestRetainedEvent() {
    publish("t", 7);
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.earliest());
    assertThat(sub.info().next()).isEqualTo(3);
    assertThat(seqs(sub.drain(10))).containsExactly(3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void shouldStartEarliestOnAnEmptyBusAtTheFirstEvent() {
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.earliest());
    assertThat(sub.info().next()).isEqualTo(1);
    publish("t", 1);
    assertThat(seqs(sub.drain(10))).containsExactly(1L);
  }

  @Test
  void shouldStartAtASeqInclusively() {
    publish("t", 5);
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.seq(4));
    assertThat(seqs(sub.drain(10))).containsExactly(4L, 5L);
  }

  @Test
  void shouldWaitForAFutureSeq() {
    publish("t", 1);
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.seq(3));
    publish("t", 1);
    assertThat(sub.poll()).isNull();
    publish("t", 1);
    assertThat(seqs(sub.drain(10))).containsExactly(3L);
  }

  @Test
  void shouldStartAtTheFirstEventAtOrAfterATime() {
    publish("t", 1);
    clock.advance(Duration.ofSeconds(1));
    Instant second = clock.instant();
    publish("t", 2);
    clock.advance(Duration.ofSeconds(1));
    publish("t", 1);
    assertThat(seqs(bus.subscribe(List.of(), StartAt.time(second)).drain(10))).containsExactly(2L, 3L, 4L);
    assertThat(seqs(bus.subscribe(List.of(), StartAt.time(second.plusMillis(1))).drain(10))).containsExactly(4L);
    assertThat(bus.subscribe(List.of(), StartAt.time(clock.instant().plusSeconds(1))).info().next()).isEqualTo(5);
  }

  @Test
  void shouldGiveASeqStartOlderThanRetentionALaggedMarker() {
    publish("t", 8);
    Subscription<String> sub = bus.subscribe(List.of(), StartAt.seq(2));
    List<Delivery<String>> got = sub.drain(10);
    assertThat(got.get(0)).isEqualTo(new Lagged<String>(2, 4));
    assertThat(seqs(got.subList(1, got.size()))).containsExactly(4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void shouldDeliverOnlyMatchingTopicsInOrder() {
    Subscription<String> heater = bus.subscribe(List.of("heater"), StartAt.latest());
    Subscription<String> both = bus.subscribe(List.of("heater", "desired"), StartAt.latest());
    bus.publish("temperature", "home", "a");
    bus.publish("heater", "home", "b");
    bus.publish("desired", "home", "c");
    bus.publish("heater", "home", "d");
    assertThat(seqs(heater.drain(10))).containsExactly(2L, 4L);
    assertThat(seqs(both.drain(10))).containsExactly(2L, 3L, 4L);
    assertThat(both.info().topics()).containsExactly("desired", "heater");
  }

  @Test
  void shouldPopOneEventPerPollLikeTheChapter() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 2);
    assertThat(((Envelope<String>) sub.poll()).data()).isEqualTo("t#0");
    assertThat(((Envelope<String>) sub.poll()).data()).isEqualTo("t#1");
    assertThat(sub.poll()).isNull();
  }

  @Test
  void shouldDrainAtMostMaxAndContinueWhereItStopped() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 5);
    assertThat(seqs(sub.drain(2))).containsExactly(1L, 2L);
    assertThat(seqs(sub.drain(2))).containsExactly(3L, 4L);
    assertThat(seqs(sub.drain(2))).containsExactly(5L);
    assertThat(sub.drain(2)).isEmpty();
  }

  @Test
  void shouldTellASubscriberThatFellOutOfRetentionHowManySeqsItSkipped() {
    Subscription<String> sub = bus.subscribe(List.of("b"), StartAt.latest());
    bus.publish("b", "home", "x");
    assertThat(seqs(sub.drain(1))).containsExactly(1L);
    publish("a", 4);
    bus.publish("b", "home", "y");
    publish("a", 3);
    bus.publish("b", "home", "z");
    // Retained: 6..10; it would have read 2 next.
    List<Delivery<String>> got = sub.drain(10);
    assertThat(got.get(0)).isEqualTo(new Lagged<String>(4, 6));
    assertThat(got.subList(1, got.size())).extracting(d -> ((Envelope<String>) d).data()).containsExactly("y", "z");
    assertThat(bus.snapshot().laggedMarkers()).isEqualTo(1);
  }

  @Test
  void shouldCountTheLaggedMarkerAgainstMax() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 9);
    assertThat(sub.poll()).isEqualTo(new Lagged<String>(4, 5));
    assertThat(seqs(sub.drain(10))).containsExactly(5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void shouldAnswerGoneAtOnceAfterUnsubscribeAndStillAfterTheSweep() {
    long id = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofSeconds(60), null).id();
    publish("t", 1);
    assertThat(bus.unsubscribe(id)).isTrue();
    assertThatThrownBy(() -> bus.poll(id)).isInstanceOf(SubscriptionGoneException.class);
    assertThatThrownBy(() -> bus.drain(id, 5)).isInstanceOf(SubscriptionGoneException.class);
    assertThat(bus.info(id).state()).isEqualTo(SubscriptionState.TOMBSTONED);
    assertThat(bus.unsubscribe(id)).isFalse();

    assertThat(bus.sweep()).isEqualTo(1);
    assertThatThrownBy(() -> bus.poll(id)).isInstanceOf(SubscriptionGoneException.class);
    assertThatThrownBy(() -> bus.info(id)).isInstanceOf(SubscriptionGoneException.class);
    assertThat(bus.unsubscribe(id)).isFalse();
    assertThat(bus.snapshot().subscriptions()).isEmpty();
  }

  @Test
  void shouldAnswerUnknownForIdsNeverIssued() {
    bus.subscribe();
    assertThatThrownBy(() -> bus.poll(1)).isInstanceOf(UnknownSubscriptionException.class);
    assertThatThrownBy(() -> bus.poll(-1)).isInstanceOf(UnknownSubscriptionException.class);
    assertThatThrownBy(() -> bus.unsubscribe(99)).isInstanceOf(UnknownSubscriptionException.class);
    assertThatThrownBy(() -> bus.info(2)).isInstanceOf(UnknownSubscriptionException.class);
  }

  @Test
  void shouldNeverIssueAnIdTwice() {
    Subscription<String> a = bus.subscribe();
    a.close();
    bus.sweep();
    Subscription<String> b = bus.subscribe();
    assertThat(b.id()).isGreaterThan(a.id());
  }

  @Test
  void shouldMakeCloseIdempotentAndTheHandleGone() {
    Subscription<String> sub = bus.subscribe();
    sub.close();
    sub.close();
    assertThatThrownBy(sub::poll).isInstanceOf(SubscriptionGoneException.class);
    assertThat(bus.snapshot().subscriptions()).singleElement()
        .extracting(SubscriptionInfo::state).isEqualTo(SubscriptionState.TOMBSTONED);
  }

  @Test
  void shouldStopDeliveringWhenTheSinkUnsubscribes() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 3);
    List<Delivery<String>> got = new ArrayList<>();
    sub.drain(10, d -> {
      got.add(d);
      sub.close();
    });
    assertThat(seqs(got)).containsExactly(1L);
  }

  @Test
  void shouldRefuseToReadASubscriptionFromInsideItsOwnSink() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 2);
    assertThatThrownBy(() -> sub.drain(10, d -> sub.poll())).isInstanceOf(IllegalStateException.class);
    assertThat(sub.poll()).isNotNull();
  }

  @Test
  void shouldExpireAnUnpolledLeaseAndRenewItOnEveryRead() {
    SubscriptionInfo idle = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofSeconds(60), null);
    SubscriptionInfo busy = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofSeconds(60), null);
    assertThat(idle.leaseExpiresAt()).isEqualTo(clock.instant().plusSeconds(60));
    clock.advance(Duration.ofSeconds(40));
    bus.poll(busy.id());
    clock.advance(Duration.ofSeconds(20));

    assertThat(bus.expireLeases(clock.instant())).isEqualTo(1);
    assertThat(bus.info(idle.id()).state()).isEqualTo(SubscriptionState.TOMBSTONED);
    assertThat(bus.info(busy.id()).state()).isEqualTo(SubscriptionState.LIVE);
    assertThat(bus.info(busy.id()).leaseExpiresAt()).isEqualTo(clock.instant().plusSeconds(40));
    assertThatThrownBy(() -> bus.poll(idle.id())).isInstanceOf(SubscriptionGoneException.class);
  }

  @Test
  void shouldTombstoneAnExpiredLeaseOnOneSweepAndRemoveItOnTheNext() {
    long id = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofSeconds(1), null).id();
    clock.advance(Duration.ofSeconds(2));
    assertThat(bus.sweep()).isZero();
    assertThat(bus.info(id).state()).isEqualTo(SubscriptionState.TOMBSTONED);
    assertThat(bus.sweep()).isEqualTo(1);
    assertThat(bus.snapshot().subscriptions()).isEmpty();
    assertThat(bus.snapshot().sweeps()).isEqualTo(2);
  }

  @Test
  void shouldNotLeaseHandleSubscriptionsUnlessAsked() {
    Subscription<String> sub = bus.subscribe();
    clock.advance(Duration.ofDays(365));
    assertThat(bus.expireLeases(clock.instant())).isZero();
    assertThat(sub.info().leaseExpiresAt()).isNull();
  }

  @Test
  void shouldFireAWakeupOnlyForAMatchingPublish() {
    Subscription<String> sub = bus.subscribe(List.of("heater"), StartAt.latest());
    AtomicInteger fired = new AtomicInteger();
    sub.onAvailable(fired::incrementAndGet);
    bus.publish("temperature", "home", "x");
    assertThat(fired).hasValue(0);
    bus.publish("heater", "home", "y");
    bus.publish("heater", "home", "z");
    assertThat(fired).hasValue(1);
    assertThat(seqs(sub.drain(10))).containsExactly(2L, 3L);
  }

  @Test
  void shouldFireAWakeupAtOnceWhenSomethingIsAlreadyThere() {
    Subscription<String> sub = bus.subscribe();
    publish("t", 1);
    AtomicInteger fired = new AtomicInteger();
    sub.onAvailable(fired::incrementAndGet);
    assertThat(fired).hasValue(1);
  }

  @Test
  void shouldFireAWakeupWhenTheSubscriptionIsTombstoned() {
    Subscription<String> sub = bus.subscribe();
    AtomicInteger fired = new AtomicInteger();
    sub.onAvailable(fired::incrementAndGet);
    sub.close();
    assertThat(fired).hasValue(1);
    assertThatThrownBy(() -> sub.onAvailable(fired::incrementAndGet)).isInstanceOf(SubscriptionGoneException.class);
  }

  @Test
  void shouldNotFireACancelledWakeup() {
    Subscription<String> sub = bus.subscribe();
    AtomicInteger fired = new AtomicInteger();
    Wakeup wakeup = sub.onAvailable(fired::incrementAndGet);
    assertThat(wakeup.cancel()).isTrue();
    publish("t", 1);
    assertThat(fired).hasValue(0);
    assertThat(wakeup.cancel()).isFalse();
  }

  @Test
  void shouldKeepPublishingWhenAWakeupCallbackThrows() {
    Subscription<String> sub = bus.subscribe();
    sub.onAvailable(() -> {
      throw new IllegalStateException("callback bug");
    });
    publish("t", 2);
    assertThat(seqs(sub.drain(10))).containsExactly(1L, 2L);
  }

  @Test
  void shouldReportLagAndCountersInTheSnapshot() {
    Subscription<String> all = bus.subscribe();
    Subscription<String> heater = bus.subscribe(Set.of("heater"), StartAt.latest());
    publish("t", 3);
    all.poll();
    BusSnapshot snapshot = bus.snapshot();
    assertThat(snapshot.published()).isEqualTo(3);
    assertThat(snapshot.retained()).isEqualTo(3);
    assertThat(snapshot.oldestSeq()).isEqualTo(1);
    assertThat(snapshot.subscriptions()).extracting(SubscriptionInfo::lag).containsExactly(2L, 3L);
    assertThat(snapshot.subscriptions()).extracting(SubscriptionInfo::next).containsExactly(2L, 1L);
    heater.drain(10);
    assertThat(heater.info().lag()).isZero();
    assertThat(heater.info().next()).isEqualTo(4);
  }

  @Test
  void shouldReportThePublishRateOverTheLastTenSeconds() {
    for (int i = 0; i < 20; i++) {
      bus.publish("t", "home", "x");
      clock.advance(Duration.ofMillis(500));
    }
    // Retention keeps 5 events spanning 2.5 s; the window is then measured from the oldest.
    assertThat(bus.snapshot().publishRate()).isBetween(1.6, 2.1);
  }

  @Test
  void shouldDrainAGroupGivingEachMemberWhatItsOwnDrainWould() {
    Subscription<String> early = bus.subscribe(List.of(), StartAt.latest());
    bus.publish("a", "home", "x");
    Subscription<String> late1 = bus.subscribe(List.of(), StartAt.latest());
    Subscription<String> late2 = bus.subscribe(List.of(), StartAt.latest());
    Subscription<String> onlyB = bus.subscribe(List.of("b"), StartAt.earliest());
    bus.publish("b", "home", "y");
    bus.publish("a", "home", "z");
    List<List<Long>> got = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int total = bus.drainAll(List.of(early, late1, late2, onlyB), 10,
        (member, d) -> got.get(member).add(((Envelope<String>) d).seq()));
    assertThat(got).containsExactly(List.of(1L, 2L, 3L), List.of(2L, 3L), List.of(2L, 3L), List.of(2L));
    assertThat(total).isEqualTo(8);
    assertThat(late1.info().next()).isEqualTo(4);
    assertThat(onlyB.info().next()).isEqualTo(4);
  }

  @Test
  void shouldShareOnePassAmongGroupMembersOfOneFilterAndPosition() {
    Subscription<String> b1 = bus.subscribe(List.of("b"), StartAt.latest());
    Subscription<String> b2 = bus.subscribe(List.of("b"), StartAt.latest());
    Subscription<String> bAtHome = bus.subscribe(List.of("b"), "home", StartAt.latest());
    bus.publish("a", "home", "w");
    bus.publish("b", "home", "x");
    bus.publish("b", "attic", "y");
    bus.publish("a", "home", "z");
    List<List<Long>> got = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int total = bus.drainAll(List.of(b1, b2, bAtHome), 1, (member, d) -> got.get(member).add(((Envelope<String>) d).seq()));
    assertThat(got).containsExactly(List.of(2L), List.of(2L), List.of(2L));
    assertThat(total).isEqualTo(3);
    total = bus.drainAll(List.of(b1, b2, bAtHome), 10, (member, d) -> got.get(member).add(((Envelope<String>) d).seq()));
    assertThat(got).containsExactly(List.of(2L, 3L), List.of(2L, 3L), List.of(2L));
    assertThat(total).isEqualTo(2);
    assertThat(List.of(b1.info().next(), b2.info().next(), bAtHome.info().next())).containsOnly(5L);
  }

  @Test
  void shouldTellAClosedCallbackOnceWhenTheSubscriptionIsTombstoned() {
    Subscription<String> sub = bus.subscribe();
    AtomicInteger calls = new AtomicInteger();
    sub.onClosed(calls::incrementAndGet);
    bus.publish("t", "home", "x");
    assertThat(calls).hasValue(0);
    assertThat(bus.unsubscribe(sub.id())).isTrue();
    sub.close();
    assertThat(calls).hasValue(1);
    sub.onClosed(calls::incrementAndGet);
    assertThat(calls).as("at once when already tombstoned").hasValue(2);
  }

  @Test
  void shouldStopDeliveringToAGroupMemberItsSinkCloses() {
    Subscription<String> a = bus.subscribe();
    Subscription<String> b = bus.subscribe();
    publish("t", 3);
    Subscription<String> c = bus.subscribe(List.of(), StartAt.earliest());
    List<String> got = new ArrayList<>();
    int total = bus.drainAll(List.of(a, b, c), 10, (member, d) -> {
      long seq = ((Envelope<String>) d).seq();
      got.add(member + ":" + seq);
      if (member == 0) {
        a.close();
      }
      if (member == 2 && seq == 2) {
        b.close();
      }
    });
    assertThat(got).containsExactly("0:1", "1:1", "2:1", "1:2", "2:2", "2:3");
    assertThat(total).isEqualTo(6);
    assertThat(c.info().next()).isEqualTo(4);
    assertThatThrownBy(() -> b.drain(10)).isInstanceOf(SubscriptionGoneException.class);
  }

  @Test
  void shouldSkipTombstonedGroupMembersAndRejectDuplicatesOrStrangers() {
    Subscription<String> a = bus.subscribe();
    Subscription<String> closed = bus.subscribe();
    closed.close();
    publish("t", 2);
    List<Integer> members = new ArrayList<>();
    assertThat(bus.drainAll(List.of(a, closed), 10, (member, d) -> members.add(member))).isEqualTo(2);
    assertThat(members).containsOnly(0);
    assertThatThrownBy(() -> bus.drainAll(List.of(a, a), 10, (member, d) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    Subscription<String> stranger = new SubscriberBus<String>().subscribe();
    assertThatThrownBy(() -> bus.drainAll(List.of(a, stranger), 10, (member, d) -> { }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectBadArguments() {
    Subscription<String> sub = bus.subscribe();
    assertThatThrownBy(() -> sub.drain(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StartAt.seq(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.subscribe(List.of(), StartAt.latest(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.subscribeDetached(List.of(), StartAt.latest(), null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Retention(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.publish(null, "home", "x")).isInstanceOf(NullPointerException.class);
  }
}
