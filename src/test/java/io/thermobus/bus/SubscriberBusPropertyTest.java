package io.thermobus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random interleavings of publish, subscribe (every start position), poll, drain, unsubscribe,
 * sweep and retention pressure (count and age), run against the bus and a naive reference model
 * side by side; and, independently of the model, the accounting rule of each subscriber's stream.
 */
class SubscriberBusPropertyTest {

  private static final String[] TOPICS = {"a", "b", "c"};

  @Property(tries = 400)
  void shouldAgreeWithTheReferenceModelOnEveryStep(@ForAll("scripts") List<Op> script,
      @ForAll @IntRange(min = 1, max = 40) int maxEvents, @ForAll @IntRange(min = 1, max = 12) int maxAgeSeconds) {
    new Run(maxEvents, maxAgeSeconds).play(script);
  }

  // The script language.

  sealed interface Op permits Publish, Subscribe, Poll, Drain, DrainAll, Unsubscribe, Sweep, Advance, PollUnknown {
  }

  record Publish(int topic) implements Op {
  }

  /** filter: bit mask over TOPICS (0 = all); start: 0 latest, 1 earliest, 2 seq, 3 time. */
  record Subscribe(int filter, int start, int seqOffset, int timeOffsetMillis) implements Op {
  }

  record Poll(int sub) implements Op {
  }

  record Drain(int sub, int max) implements Op {
  }

  /** drainAll over every subscription made with a handle (live or not). */
  record DrainAll(int max) implements Op {
  }

  record Unsubscribe(int sub) implements Op {
  }

  record Sweep() implements Op {
  }

  record Advance(int millis) implements Op {
  }

  record PollUnknown(int beyond) implements Op {
  }

  @Provide
  Arbitrary<List<Op>> scripts() {
    Arbitrary<Integer> sub = Arbitraries.integers().between(0, 9);
    Arbitrary<Op> publish = Arbitraries.integers().between(0, TOPICS.length - 1).map(Publish::new);
    Arbitrary<Op> subscribe = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(-6, 4), Arbitraries.integers().between(-4000, 2000)).as(Subscribe::new);
    Arbitrary<Op> poll = sub.map(Poll::new);
    Arbitrary<Op> drain = Combinators.combine(sub, Arbitraries.integers().between(1, 6)).as(Drain::new);
    Arbitrary<Op> drainAll = Arbitraries.integers().between(1, 6).map(DrainAll::new);
    Arbitrary<Op> unsubscribe = sub.map(Unsubscribe::new);
    Arbitrary<Op> sweep = Arbitraries.just(new Sweep());
    Arbitrary<Op> advance = Arbitraries.integers().between(0, 4000).map(Advance::new);
    Arbitrary<Op> unknown = Arbitraries.integers().between(0, 2).map(PollUnknown::new);
    return Arbitraries.frequencyOf(
        Tuple.of(8, publish), Tuple.of(2, subscribe), Tuple.of(4, poll), Tuple.of(3, drain), Tuple.of(2, drainAll),
        Tuple.of(1, unsubscribe), Tuple.of(1, sweep), Tuple.of(2, advance), Tuple.of(1, unknown))
        .list().ofMinSize(1).ofMaxSize(150);
  }

  /** What a subscriber saw, in a form both sides produce: a seq, or a marker as (lagged, resumeAt). */
  record Seen(long seq, String topic, long lagged, long resumeAt) {
    static Seen of(Delivery<String> d) {
      if (d instanceof Envelope<String> e) {
        assertThat(e.data()).isEqualTo(e.topic() + e.seq());
        return new Seen(e.seq(), e.topic(), 0, 0);
      }
      Lagged<String> m = (Lagged<String>) d;
      return new Seen(0, null, m.lagged(), m.resumeAt());
    }
  }

  /** One subscriber in the model. */
  static final class ModelSub {
    final long id;
    final List<String> topics;
    final long start;
    long next;
    boolean tombstoned;
    final List<Seen> seen = new ArrayList<>();

    ModelSub(long id, List<String> topics, long start) {
      this.id = id;
      this.topics = topics;
      this.start = start;
      this.next = start;
    }

    boolean matches(String topic) {
      return topics.isEmpty() || topics.contains(topic);
    }
  }

  /** One run: the bus under test and the model, fed the same script. */
  static final class Run {
    final int maxEvents;
    final long maxAgeMillis;
    final ManualClock clock = new ManualClock();
    final SubscriberBus<String> bus;
    // The model: every event ever published (index = seq - 1), retained window [tail, head].
    final List<String> topicOf = new ArrayList<>();
    final List<Long> atOf = new ArrayList<>();
    long tail = 1;
    final Map<Long, ModelSub> subs = new LinkedHashMap<>();
    final List<ModelSub> everySub = new ArrayList<>();
    final List<Subscription<String>> handles = new ArrayList<>();

    Run(int maxEvents, int maxAgeSeconds) {
      this.maxEvents = maxEvents;
      this.maxAgeMillis = maxAgeSeconds * 1000L;
      this.bus = new SubscriberBus<>(new Retention(maxEvents, Duration.ofSeconds(maxAgeSeconds)), clock);
    }

    long head() {
      return topicOf.size();
    }

    long now() {
      return clock.instant().toEpochMilli();
    }

    void play(List<Op> script) {
      for (Op op : script) {
        apply(op);
        compareSnapshots();
      }
      for (ModelSub sub : everySub) {
        checkAccounting(sub);
      }
    }

    void apply(Op op) {
      if (op instanceof Publish p) {
        publish(TOPICS[p.topic()]);
      } else if (op instanceof Subscribe s) {
        subscribe(s);
      } else if (op instanceof Poll p) {
        pick(p.sub()).ifPresent(sub -> read(sub, 1, true));
      } else if (op instanceof Drain d) {
        pick(d.sub()).ifPresent(sub -> read(sub, d.max(), false));
      } else if (op instanceof DrainAll d) {
        drainAll(d.max());
      } else if (op instanceof Unsubscribe u) {
        pick(u.sub()).ifPresent(this::unsubscribe);
      } else if (op instanceof Sweep) {
        sweep();
      } else if (op instanceof Advance a) {
        clock.advance(Duration.ofMillis(a.millis()));
      } else if (op instanceof PollUnknown u) {
        long id = everySub.size() + u.beyond();
        assertThatThrownBy(() -> bus.poll(id)).isInstanceOf(UnknownSubscriptionException.class);
      }
    }

    java.util.Optional<ModelSub> pick(int index) {
      return everySub.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(everySub.get(index % everySub.size()));
    }

    void publish(String topic) {
      long seq = head() + 1;
      Envelope<String> e = bus.publish(topic, "home", topic + seq);
      assertThat(e.seq()).isEqualTo(seq);
      topicOf.add(topic);
      atOf.add(now());
      tail = Math.max(tail, seq - maxEvents + 1);
      trimByAge(seq - 1);
    }

    void trimByAge(long upTo) {
      while (tail <= upTo && atOf.get((int) tail - 1) < now() - maxAgeMillis) {
        tail++;
      }
    }

    void subscribe(Subscribe s) {
      List<String> topics = new ArrayList<>();
      for (int i = 0; i < TOPICS.length; i++) {
        if ((s.filter() & (1 << i)) != 0) {
          topics.add(TOPICS[i]);
        }
      }
      StartAt from;
      long start;
      switch (s.start()) {
        case 0 -> {
          from = StartAt.latest();
          start = head() + 1;
        }
        case 1 -> {
          from = StartAt.earliest();
          start = tail;
        }
        case 2 -> {
          start = Math.max(1, head() + 1 + s.seqOffset());
          from = StartAt.seq(start);
        }
        default -> {
          Instant time = clock.instant().plusMillis(s.timeOffsetMillis());
          from = StartAt.time(time);
          start = tail;
          while (start <= head() && atOf.get((int) start - 1) < time.toEpochMilli()) {
            start++;
          }
        }
      }
      long id;
      if (everySub.size() % 2 == 0) {
        Subscription<String> handle = bus.subscribe(topics, from);
        handles.add(handle);
        id = handle.id();
      } else {
        id = bus.subscribeDetached(topics, from, Duration.ofDays(1), null).id();
      }
      assertThat(id).isEqualTo(everySub.size());
      ModelSub sub = new ModelSub(id, topics, start);
      subs.put(id, sub);
      everySub.add(sub);
      assertThat(bus.info(id).next()).isEqualTo(start);
    }

    void read(ModelSub sub, int max, boolean single) {
      if (sub.tombstoned) {
        assertThatThrownBy(() -> bus.poll(sub.id)).isInstanceOf(SubscriptionGoneException.class);
        assertThatThrownBy(() -> bus.drain(sub.id, max)).isInstanceOf(SubscriptionGoneException.class);
        return;
      }
      List<Seen> expected = new ArrayList<>();
      for (int i = 0; i < max; i++) {
        Seen next = step(sub);
        if (next == null) {
          break;
        }
        expected.add(next);
      }
      List<Seen> actual = new ArrayList<>();
      if (single) {
        Delivery<String> d = bus.poll(sub.id);
        if (d != null) {
          actual.add(Seen.of(d));
        }
      } else {
        bus.drain(sub.id, max).forEach(d -> actual.add(Seen.of(d)));
      }
      assertThat(actual).as("deliveries to %d", sub.id).isEqualTo(expected);
      sub.seen.addAll(actual);
    }

    /** Each handle-backed subscription must get what its own drain would give it. */
    void drainAll(int max) {
      List<ModelSub> members = new ArrayList<>();
      for (int i = 0; i < everySub.size(); i += 2) {
        members.add(everySub.get(i));
      }
      List<List<Seen>> expected = new ArrayList<>();
      List<List<Seen>> actual = new ArrayList<>();
      for (ModelSub member : members) {
        List<Seen> mine = new ArrayList<>();
        for (int i = 0; i < max && !member.tombstoned; i++) {
          Seen next = step(member);
          if (next == null) {
            break;
          }
          mine.add(next);
        }
        expected.add(mine);
        actual.add(new ArrayList<>());
      }
      int total = bus.drainAll(handles, max, (member, d) -> actual.get(member).add(Seen.of(d)));
      assertThat(actual).as("drainAll").isEqualTo(expected);
      assertThat(total).isEqualTo(actual.stream().mapToInt(List::size).sum());
      for (int k = 0; k < members.size(); k++) {
        members.get(k).seen.addAll(actual.get(k));
      }
    }

    /** The model's pop: a marker if behind retention, else the next matching retained event. */
    Seen step(ModelSub sub) {
      if (sub.next > head()) {
        return null;
      }
      if (sub.next < tail) {
        Seen marker = new Seen(0, null, tail - sub.next, tail);
        sub.next = tail;
        return marker;
      }
      for (long seq = sub.next; seq <= head(); seq++) {
        String topic = topicOf.get((int) seq - 1);
        if (sub.matches(topic)) {
          sub.next = seq + 1;
          return new Seen(seq, topic, 0, 0);
        }
      }
      sub.next = head() + 1;
      return null;
    }

    void unsubscribe(ModelSub sub) {
      boolean wasLive = !sub.tombstoned;
      assertThat(bus.unsubscribe(sub.id)).isEqualTo(wasLive);
      sub.tombstoned = true;
      assertThatThrownBy(() -> bus.poll(sub.id)).isInstanceOf(SubscriptionGoneException.class);
    }

    void sweep() {
      long tombstones = subs.values().stream().filter(s -> s.tombstoned).count();
      assertThat(bus.sweep()).isEqualTo(tombstones);
      subs.values().removeIf(s -> s.tombstoned);
      trimByAge(head());
    }

    void compareSnapshots() {
      BusSnapshot snapshot = bus.snapshot();
      assertThat(snapshot.published()).isEqualTo(head());
      assertThat(snapshot.oldestSeq()).isEqualTo(tail);
      assertThat(snapshot.retained()).isEqualTo(head() - tail + 1);
      List<String> expected = new ArrayList<>();
      subs.values().forEach(s -> expected.add(s.id + (s.tombstoned ? " tombstoned" : " live next " + s.next)));
      List<String> actual = new ArrayList<>();
      snapshot.subscriptions().forEach(s -> actual.add(s.id() + (s.state() == SubscriptionState.TOMBSTONED
          ? " tombstoned" : " live next " + s.next())));
      assertThat(actual).isEqualTo(expected);
    }

    /**
     * Independent of the model's eviction rules: from its start, a subscriber saw every matching
     * seq once and in order, except spans that a marker accounts for exactly.
     */
    void checkAccounting(ModelSub sub) {
      long position = sub.start;
      for (Seen seen : sub.seen) {
        // A marker counts from the cursor, which may already have passed non-matching seqs.
        long upTo = seen.topic() == null ? seen.resumeAt() - seen.lagged() : seen.seq();
        assertThat(upTo).as("seqs seen by %d", sub.id).isGreaterThanOrEqualTo(position);
        for (long passed = position; passed < upTo; passed++) {
          assertThat(sub.matches(topicOf.get((int) passed - 1))).as("gap at %d for %d", passed, sub.id).isFalse();
        }
        position = seen.topic() == null ? seen.resumeAt() : seen.seq() + 1;
      }
    }
  }
}
