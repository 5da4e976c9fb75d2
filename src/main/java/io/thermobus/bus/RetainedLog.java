package io.thermobus.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The one shared retained log: a ring of envelopes indexed by {@code seq & mask}, appended under
 * a single writer lock and read without any lock.
 *
 * <p>Memory ordering, relied on by {@link #read}:
 * <ul>
 *   <li>An append stores the slot, then {@code head} (volatile). A reader that loads
 *       {@code head} (acquire) and then the slots up to it sees every envelope fully built
 *       (envelopes are also immutable records with final fields).</li>
 *   <li>Eviction stores {@code tail} (volatile) <em>before</em> it clears or overwrites a slot
 *       (release). A reader that loads a slot (acquire) and finds it cleared or holding another
 *       seq therefore sees, on its next load of {@code tail}, a tail past the seq it wanted.</li>
 *   <li>Growth copies the retained range into a new array and publishes it through
 *       {@code ring} (volatile) before any seq that lives only in the new array is published
 *       through {@code head}; readers load {@code head} first, then {@code ring}. An old array
 *       is never written again, so a reader still holding it reads seqs it saw as published.</li>
 * </ul>
 */
final class RetainedLog<T> {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Envelope[].class);
  private static final int INITIAL_CAPACITY = 1024;

  private final Object writeLock = new Object();
  private final int maxEvents;
  private final long maxAgeNanos;
  private final InstantSource clock;
  private final int maxCapacity;

  private volatile Envelope<T>[] ring;
  /** Last published seq; 0 before the first publish. Written under writeLock. */
  private volatile long head;
  /** Oldest retained seq; head + 1 when nothing is retained. Written under writeLock. */
  private volatile long tail = 1;
  /** Guarded by writeLock: keeps {@code at} non-decreasing along seq even if the clock steps back. */
  private Instant lastAt = Instant.MIN;

  RetainedLog(Retention retention, InstantSource clock) {
    this.maxEvents = retention.maxEvents();
    this.maxAgeNanos = saturatedNanos(retention);
    this.clock = clock;
    this.maxCapacity = ceilPowerOfTwo(maxEvents);
    this.ring = newRing(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  /** Appends an event and evicts what falls out of retention. O(1) amortized, never waits on readers. */
  Envelope<T> append(String topic, String zone, T data) {
    synchronized (writeLock) {
      Instant now = clock.instant();
      if (now.isBefore(lastAt)) {
        now = lastAt;
      }
      lastAt = now;
      long seq = head + 1;
      Envelope<T> envelope = new Envelope<>(seq, topic, zone, now, data);
      long newTail = Math.max(tail, seq - maxEvents + 1);
      newTail = firstYoungEnough(newTail, seq - 1, now);
      evictBefore(newTail);
      Envelope<T>[] r = ring;
      if (seq - newTail + 1 > r.length) {
        r = grow(r, newTail, seq - 1);
      }
      SLOT.setRelease(r, index(r, seq), envelope);
      head = seq;
      return envelope;
    }
  }

  /** Evicts events older than the age bound; age is otherwise enforced lazily on append. */
  void trimByAge() {
    synchronized (writeLock) {
      evictBefore(firstYoungEnough(tail, head, clock.instant()));
    }
  }

  long head() {
    return head;
  }

  long tail() {
    return tail;
  }

  /** Read after {@link #head()} so that every seq up to that head is in the returned array. */
  Envelope<T>[] ring() {
    return ring;
  }

  /**
   * The envelope with this seq from the given ring, or {@code null} when it was evicted (the
   * caller then reloads {@link #tail()}, which is past {@code seq}).
   */
  @SuppressWarnings("unchecked")
  static <T> Envelope<T> read(Envelope<T>[] ring, long seq) {
    Envelope<T> e = (Envelope<T>) SLOT.getAcquire(ring, index(ring, seq));
    return e != null && e.seq() == seq ? e : null;
  }

  /** The first seq whose envelope has {@code at >= time} (head + 1 if none); clamped to the tail. */
  long firstSeqAtOrAfter(Instant time) {
    synchronized (writeLock) {
      return firstSeqAtOrAfterLocked(time);
    }
  }

  /**
   * Events per second over the last {@code window}; over less when count retention already
   * evicted part of it (then from the oldest retained event, at least one second).
   */
  double publishRate(Duration window) {
    synchronized (writeLock) {
      if (head < tail) {
        return 0;
      }
      Instant now = clock.instant();
      long first = firstSeqAtOrAfterLocked(now.minus(window));
      double seconds = window.toNanos() / 1e9;
      if (first == tail && tail > 1) {
        Duration covered = Duration.between(slotUnderLock(ring, tail).at(), now);
        seconds = Math.max(1.0, Math.min(seconds, covered.toNanos() / 1e9));
      }
      return (head - first + 1) / seconds;
    }
  }

  private long firstSeqAtOrAfterLocked(Instant time) {
    Envelope<T>[] r = ring;
    long lo = tail;
    long hi = head + 1;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (slotUnderLock(r, mid).at().isBefore(time)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Consistent head and tail: {@code [tail, head]}. */
  long[] window() {
    synchronized (writeLock) {
      return new long[] {tail, head};
    }
  }

  private long firstYoungEnough(long from, long to, Instant now) {
    Instant cutoff = now.minusNanos(maxAgeNanos);
    Envelope<T>[] r = ring;
    long seq = from;
    while (seq <= to && slotUnderLock(r, seq).at().isBefore(cutoff)) {
      seq++;
    }
    return seq;
  }

  private void evictBefore(long newTail) {
    long oldTail = tail;
    if (newTail <= oldTail) {
      return;
    }
    tail = newTail;
    Envelope<T>[] r = ring;
    long clearTo = Math.min(newTail, head + 1);
    for (long seq = Math.max(oldTail, clearTo - r.length); seq < clearTo; seq++) {
      SLOT.setRelease(r, index(r, seq), (Envelope<T>) null);
    }
  }

  private Envelope<T>[] grow(Envelope<T>[] old, long from, long to) {
    Envelope<T>[] bigger = newRing(Math.min(old.length * 2, maxCapacity));
    for (long seq = from; seq <= to; seq++) {
      bigger[index(bigger, seq)] = old[index(old, seq)];
    }
    ring = bigger;
    return bigger;
  }

  @SuppressWarnings("unchecked")
  private Envelope<T> slotUnderLock(Envelope<T>[] r, long seq) {
    return (Envelope<T>) r[index(r, seq)];
  }

  private static int index(Envelope<?>[] ring, long seq) {
    return (int) (seq & (ring.length - 1));
  }

  @SuppressWarnings("unchecked")
  private static <T> Envelope<T>[] newRing(int capacity) {
    return (Envelope<T>[]) new Envelope[capacity];
  }

  private static int ceilPowerOfTwo(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  private static long saturatedNanos(Retention retention) {
    try {
      return retention.maxAge().toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
