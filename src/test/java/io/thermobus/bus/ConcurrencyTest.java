package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several publishers and subscribers on their own threads; every delivery is accounted for. */
class ConcurrencyTest {

  private static final int PUBLISHERS = 3;
  private static final int PER_PUBLISHER = 30_000;
  private static final int TOTAL = PUBLISHERS * PER_PUBLISHER;

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch startGate = new CountDownLatch(1);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** data = publisher * PER_PUBLISHER + i; topics alternate a, b per publisher. */
  private List<Future<?>> startPublishers(SubscriberBus<Long> bus) {
    List<Future<?>> publishers = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      long base = (long) p * PER_PUBLISHER;
      publishers.add(threads.submit(() -> {
        startGate.await();
        for (int i = 0; i < PER_PUBLISHER; i++) {
          bus.publish(i % 2 == 0 ? "a" : "b", "home", base + i);
        }
        return null;
      }));
    }
    return publishers;
  }

  /** Reads until it has seen {@code expected} events, waiting on wakeups (never spinning) when caught up. */
  private static final class Reader implements Callable<Long> {
    private final Subscription<Long> sub;
    private final Set<String> topics;
    private final long expected;
    private final long[] lastPerPublisher = {-1, -1, -1};
    private long lastSeq;
    private long events;
    private long skipped;

    Reader(Subscription<Long> sub, Set<String> topics, long expected) {
      this.sub = sub;
      this.topics = topics;
      this.expected = expected;
    }

    @Override
    public Long call() throws Exception {
      while (events + skipped < expected) {
        if (sub.drain(256, this::accept) == 0) {
          CompletableFuture<Void> woken = new CompletableFuture<>();
          sub.onAvailable(() -> woken.complete(null));
          woken.get(20, TimeUnit.SECONDS);
        }
      }
      return events;
    }

    private void accept(Delivery<Long> delivery) {
      if (delivery instanceof Lagged<Long> lagged) {
        assertThat(lagged.resumeAt() - lagged.lagged()).isGreaterThan(lastSeq);
        skipped += lagged.lagged();
        lastSeq = lagged.resumeAt() - 1;
        return;
      }
      Envelope<Long> e = (Envelope<Long>) delivery;
      assertThat(e.seq()).isGreaterThan(lastSeq);
      assertThat(topics.isEmpty() || topics.contains(e.topic())).isTrue();
      int publisher = (int) (e.data() / PER_PUBLISHER);
      assertThat(e.data()).isGreaterThan(lastPerPublisher[publisher]);
      lastPerPublisher[publisher] = e.data();
      if (topics.isEmpty()) {
        skipped += e.seq() - lastSeq - 1;
      }
      lastSeq = e.seq();
      events++;
    }
  }

  @Test
  void shouldDeliverEveryEventOnceAndInOrderToEverySubscriber() throws Exception {
    SubscriberBus<Long> bus = new SubscriberBus<>(new Retention(TOTAL, Duration.ofHours(1)), java.time.InstantSource.system());
    List<Future<Long>> readers = new ArrayList<>();
    for (Set<String> topics : List.of(Set.<String>of(), Set.<String>of(), Set.of("a"), Set.of("b"))) {
      long expected = topics.isEmpty() ? TOTAL : TOTAL / 2;
      readers.add(threads.submit(new Reader(bus.subscribe(topics, StartAt.latest()), topics, expected)));
    }
    List<Future<?>> publishers = startPublishers(bus);
    startGate.countDown();
    for (Future<?> publisher : publishers) {
      publisher.get(60, TimeUnit.SECONDS);
    }
    assertThat(readers.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL);
    assertThat(readers.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL);
    assertThat(readers.get(2).get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL / 2);
    assertThat(readers.get(3).get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL / 2);
    assertThat(bus.head()).isEqualTo(TOTAL);
    assertThat(bus.snapshot().laggedMarkers()).isZero();
  }

  @Test
  void shouldDeliverEveryEventOnceAndInOrderToEveryMemberOfAGroupDrain() throws Exception {
    SubscriberBus<Long> bus = new SubscriberBus<>(new Retention(TOTAL, Duration.ofHours(1)), java.time.InstantSource.system());
    List<Set<String>> filters = List.of(Set.of(), Set.of(), Set.of(), Set.of("a"));
    List<Subscription<Long>> members = new ArrayList<>();
    List<Reader> readers = new ArrayList<>();
    for (Set<String> topics : filters) {
      Subscription<Long> sub = bus.subscribe(topics, StartAt.latest());
      members.add(sub);
      readers.add(new Reader(sub, topics, topics.isEmpty() ? TOTAL : TOTAL / 2));
    }
    Future<?> groupReader = threads.submit(() -> {
      while (readers.get(0).events < TOTAL || readers.get(3).events < TOTAL / 2) {
        if (bus.drainAll(members, 300, (member, d) -> readers.get(member).accept(d)) == 0) {
          CompletableFuture<Void> woken = new CompletableFuture<>();
          members.get(0).onAvailable(() -> woken.complete(null));
          woken.get(20, TimeUnit.SECONDS);
        }
      }
      return null;
    });
    List<Future<?>> publishers = startPublishers(bus);
    startGate.countDown();
    for (Future<?> publisher : publishers) {
      publisher.get(60, TimeUnit.SECONDS);
    }
    groupReader.get(60, TimeUnit.SECONDS);
    assertThat(readers).extracting(r -> r.events).containsExactly((long) TOTAL, (long) TOTAL, (long) TOTAL, (long) TOTAL / 2);
  }

  @Test
  void shouldAccountForEverySkippedSeqWhenSubscribersFallOutOfASmallRetention() throws Exception {
    SubscriberBus<Long> bus = new SubscriberBus<>(new Retention(64, Duration.ofHours(1)), java.time.InstantSource.system());
    Subscription<Long> sub = bus.subscribe();
    Reader reader = new Reader(sub, Set.of(), TOTAL);
    Future<Long> delivered = threads.submit(reader);
    List<Future<?>> publishers = startPublishers(bus);
    startGate.countDown();
    for (Future<?> publisher : publishers) {
      publisher.get(60, TimeUnit.SECONDS);
    }
    long events = delivered.get(60, TimeUnit.SECONDS);
    assertThat(events + reader.skipped).isEqualTo(TOTAL);
    assertThat(reader.lastSeq).isEqualTo(TOTAL);
  }

  @Test
  void shouldNeverDeliverTwiceWhenSeveralThreadsDrainOneSubscription() throws Exception {
    SubscriberBus<Long> bus = new SubscriberBus<>(new Retention(TOTAL, Duration.ofHours(1)), java.time.InstantSource.system());
    long id = bus.subscribeDetached(List.of(), StartAt.latest(), Duration.ofMinutes(5), null).id();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicLong duplicates = new AtomicLong();
    List<Future<?>> publishers = startPublishers(bus);
    List<Future<?>> drainers = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      drainers.add(threads.submit(() -> {
        startGate.await();
        try {
          while (seen.size() < TOTAL) {
            if (bus.drain(id, 100, delivery -> {
              if (!seen.add(((Envelope<Long>) delivery).seq())) {
                duplicates.incrementAndGet();
              }
            }) == 0) {
              CompletableFuture<Void> woken = new CompletableFuture<>();
              bus.onAvailable(id, () -> woken.complete(null));
              woken.get(20, TimeUnit.SECONDS);
            }
          }
          // The last one through wakes the drainers still waiting: a tombstone fires their wakeups.
          bus.unsubscribe(id);
        } catch (SubscriptionGoneException another) {
          // Another drainer finished first.
        }
        return null;
      }));
    }
    startGate.countDown();
    for (Future<?> f : publishers) {
      f.get(60, TimeUnit.SECONDS);
    }
    for (Future<?> f : drainers) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertThat(duplicates).hasValue(0);
    assertThat(seen).hasSize(TOTAL);
  }
}
