package io.thermobus.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The one shared retained log: a ring of envelopes, appended under a single writer lock and read
 * without any lock. Once the ring has grown to {@code maxEvents} slots, a publish overwrites the
 * slot of the event that count retention evicts, so the tail by count is derived from the head
 * and never stored: {@code tail = max(head - maxEvents + 1, trimTail)}.
 *
 * <p>Readers are driven by the slots, not by head (see {@code Cursor}): the slot of the seq a
 * reader wants holds that seq (deliver it), an older seq (not yet published), a newer seq
 * (evicted), or nothing (not yet written, or evicted by age or weight: head tells which). Memory ordering
 * this relies on:
 * <ul>
 *   <li>Envelopes are immutable records with final fields, so an envelope a reader finds in a
 *       slot through a plain load, however racy, is fully built, and the seq it carries says
 *       which event it is. Slots are written in seq order by one lock holder, then {@code head}
 *       (release).</li>
 *   <li>A slot holding a newer seq {@code s'}: at most {@code ring.length} events were retained
 *       when {@code s'} was written into that ring, so the tail is at least
 *       {@code s' - ring.length + 1}, past the wanted seq. The reader may not see the head that
 *       published {@code s'} yet, so it does not rely on reloading head alone.</li>
 *   <li>An empty slot: age and weight eviction store {@code trimTail} (volatile) before it clears slots
 *       (release). The reader puts an acquire fence after the plain load that found the slot
 *       empty, then loads head: if the seq is at or below head, it was published, and the
 *       following load of {@code trimTail} sees the eviction, unless growth replaced the ring.</li>
 *   <li>Growth copies the retained range into a new array and publishes it through
 *       {@code ring} (volatile) before any seq that lives only in the new array is published
 *       through {@code head}; a reader that saw a seq at or below head and then loads
 *       {@code ring} gets an array that holds it. An old array is never written again: a reader
 *       still holding one sees older seqs there and stops until its next read.</li>
 * </ul>
 */
final class RetainedLog<T> {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Envelope[].class);
  private static final int INITIAL_CAPACITY = 16;

  private final int maxEvents;
  private final Duration maxAge;
  private final long maxBytes;
  private final InstantSource clock;
  private final Wakeups wakeups;

  /** Last published seq; 0 before the first publish. Written under writeLock. */
  private final Sequence head = new Sequence();
  /** The publishers' lock and their private state, padded like {@code head}. */
  private final PaddedLock writeLock = new PaddedLock();
  /** Grows by doubling up to exactly maxEvents slots; written under writeLock. */
  private volatile Envelope<T>[] ring;
  /** Oldest seq age or weight eviction kept (1 until it first evicts). Written under writeLock. */
  private volatile long trimTail = 1;

  RetainedLog(Retention retention, InstantSource clock, Wakeups wakeups) {
    this.maxEvents = retention.maxEvents();
    this.maxAge = retention.maxAge();
    this.maxBytes = retention.maxBytes();
    this.clock = clock;
    this.wakeups = wakeups;
    this.ring = newRing(Math.min(INITIAL_CAPACITY, maxEvents));
    writeLock.weights = new int[ring.length];
  }

  /**
   * Appends an event, evicts what falls out of retention and fires the wakeups it concerns (on
   * this thread, after the lock is released). O(1) amortized, never waits on readers.
   *
   * @param weight what the event counts against {@code maxBytes}
   */
  Envelope<T> append(String topic, String zone, T data, int weight) {
    Envelope<T> envelope;
    boolean wake;
    writeLock.lock();
    try {
      Instant now = stamp();
      long seq = head.getPlain() + 1;
      envelope = new Envelope<>(seq, topic, zone, now, data);
      if (!now.isBefore(writeLock.ageCheckAt)) {
        evictByAge(now, seq - 1);
      }
      Envelope<T>[] r = ring;
      long tail = Math.max(seq - maxEvents + 1, trimTail);
      if (seq - tail + 1 > r.length) {
        r = grow(r, tail, seq - 1);
      }
      if (seq - maxEvents >= trimTail) {
        // Count retention evicts the event whose slot this one takes.
        writeLock.retainedBytes -= writeLock.weights[index(r, seq)];
      }
      tail = evictByWeight(tail, seq, weight);
      if (tail == seq) {
        writeLock.ageCheckAt = expiry(now);
      }
      r[index(r, seq)] = envelope;
      writeLock.weights[index(r, seq)] = weight;
      writeLock.retainedBytes += weight;
      head.setRelease(seq);
      // Waiters register under this lock (registerUnlessPublishedPast), so this read cannot miss one
      // that saw an older head.
      wake = wakeups.armedEntries() > 0;
    } finally {
      writeLock.unlock();
    }
    if (wake) {
      wakeups.published(topic, envelope.zone());
    }
    return envelope;
  }

  /**
   * Runs {@code register} under the writer lock unless a seq past {@code scannedTo} was published
   * meanwhile (a reader may have seen slots a moment before the head that publishes them, so
   * head may also still be behind it).
   *
   * @return {@code false} if the head moved past it: the caller must look at the new events first
   */
  boolean registerUnlessPublishedPast(long scannedTo, Runnable register) {
    writeLock.lock();
    try {
      if (head.getPlain() > scannedTo) {
        return false;
      }
      register.run();
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Guarded by writeLock. Wall-clock time in milliseconds, never earlier than the previous
   * event's; events within one millisecond share one {@code Instant}.
   */
  private Instant stamp() {
    long millis = Math.max(clock.millis(), writeLock.lastMillis);
    if (millis != writeLock.lastMillis) {
      writeLock.lastMillis = millis;
      writeLock.lastAt = Instant.ofEpochMilli(millis);
    }
    return writeLock.lastAt;
  }

  /** Evicts events older than the age bound; age is otherwise enforced lazily on append. */
  void trimByAge() {
    writeLock.lock();
    try {
      Instant now = clock.instant();
      if (!now.isBefore(writeLock.ageCheckAt)) {
        evictByAge(now, head.getPlain());
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** The last published seq (acquire). */
  long head() {
    return head.get();
  }

  /** The oldest retained seq; head + 1 when nothing is retained. */
  long tail() {
    return tailFor(head.get());
  }

  /** The tail implied by a head already loaded; reloads trimTail. */
  long tailFor(long head) {
    return Math.max(head - maxEvents + 1, trimTail);
  }

  /** Loaded after {@link #head()}, the array holds every retained seq up to that head. */
  Envelope<T>[] ring() {
    return ring;
  }

  /** Where {@code seq} lives in {@code ring}; readers step on with {@link #nextIndex}. */
  static int index(Envelope<?>[] ring, long seq) {
    return (int) (seq % ring.length);
  }

  static int nextIndex(Envelope<?>[] ring, int index) {
    int next = index + 1;
    return next == ring.length ? 0 : next;
  }

  /**
   * After a reader found the slot of {@code seq} empty: whether {@code seq} was published (then
   * it was evicted by age or weight, or the reader holds a ring that growth replaced). Fenced so that the
   * plain load of the slot is ordered before the loads here and in {@link #tailAfterMiss}.
   */
  boolean publishedAfterMiss(long seq) {
    VarHandle.acquireFence();
    return seq <= head.get();
  }

  /**
   * After a reader found the slot of {@code seq} empty below head, or holding a newer seq: the
   * current tail, which is past {@code seq}; or {@code seq} itself if the slot, loaded again now
   * that the reader has seen head, holds it after all (the first load was stale).
   */
  long tailAfterMiss(Envelope<T>[] ring, int index, long seq) {
    VarHandle.acquireFence();
    @SuppressWarnings("unchecked")
    Envelope<T> now = (Envelope<T>) SLOT.getAcquire(ring, index);
    if (now != null && now.seq() <= seq) {
      return seq;
    }
    long tail = tail();
    if (now != null) {
      // When this seq went into this ring, at most ring.length events were retained.
      tail = Math.max(tail, now.seq() - ring.length + 1);
    }
    assert tail > seq : "missed seq " + seq + " but tail is " + tail;
    return tail;
  }

  /** The first seq whose envelope has {@code at >= time} (head + 1 if none); clamped to the tail. */
  long firstSeqAtOrAfter(Instant time) {
    writeLock.lock();
    try {
      return firstSeqAtOrAfterLocked(time);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Events per second over the last {@code window}; over less when count retention already
   * evicted part of it (then from the oldest retained event, at least one second).
   */
  double publishRate(Duration window) {
    writeLock.lock();
    try {
      long h = head.getPlain();
      long tail = tailFor(h);
      if (h < tail) {
        return 0;
      }
      Instant now = clock.instant();
      long first = firstSeqAtOrAfterLocked(minus(now, window));
      double seconds = window.toNanos() / 1e9;
      if (first == tail && tail > 1) {
        Duration covered = Duration.between(slotUnderLock(tail).at(), now);
        seconds = Math.max(1.0, Math.min(seconds, covered.toNanos() / 1e9));
      }
      return (h - first + 1) / seconds;
    } finally {
      writeLock.unlock();
    }
  }

  /** Consistent head and tail: {@code [tail, head]}. */
  long[] window() {
    writeLock.lock();
    try {
      long h = head.getPlain();
      return new long[] {tailFor(h), h};
    } finally {
      writeLock.unlock();
    }
  }

  private long firstSeqAtOrAfterLocked(Instant time) {
    long h = head.getPlain();
    long lo = tailFor(h);
    long hi = h + 1;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (slotUnderLock(mid).at().isBefore(time)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Moves trimTail past events older than {@code now - maxAge} among {@code [tail, upTo]} and clears their slots. */
  private void evictByAge(Instant now, long upTo) {
    Instant cutoff = minus(now, maxAge);
    long oldTail = Math.max(upTo - maxEvents + 1, trimTail);
    long newTail = oldTail;
    while (newTail <= upTo && slotUnderLock(newTail).at().isBefore(cutoff)) {
      newTail++;
    }
    writeLock.ageCheckAt = newTail <= upTo ? expiry(slotUnderLock(newTail).at()) : Instant.MAX;
    trim(oldTail, newTail);
  }

  /**
   * Evicts the oldest of {@code [tail, seq)} until an event of {@code weight} fits within
   * maxBytes beside the rest (or nothing older is left).
   *
   * @return the new tail
   */
  private long evictByWeight(long tail, long seq, int weight) {
    Envelope<T>[] r = ring;
    long newTail = tail;
    long bytes = writeLock.retainedBytes;
    while (newTail < seq && bytes + weight > maxBytes) {
      bytes -= writeLock.weights[index(r, newTail)];
      newTail++;
    }
    trim(tail, newTail);
    return newTail;
  }

  /** Evicts {@code [oldTail, newTail)}: stores trimTail before it clears the slots (see the class comment). */
  private void trim(long oldTail, long newTail) {
    if (newTail == oldTail) {
      return;
    }
    trimTail = newTail;
    Envelope<T>[] r = ring;
    for (long seq = oldTail; seq < newTail; seq++) {
      int index = index(r, seq);
      SLOT.setRelease(r, index, (Envelope<T>) null);
      writeLock.retainedBytes -= writeLock.weights[index];
      writeLock.weights[index] = 0;
    }
  }

  private Envelope<T>[] grow(Envelope<T>[] old, long from, long to) {
    Envelope<T>[] bigger = newRing((int) Math.min((long) old.length * 2, maxEvents));
    int[] heavier = new int[bigger.length];
    for (long seq = from; seq <= to; seq++) {
      bigger[index(bigger, seq)] = old[index(old, seq)];
      heavier[index(bigger, seq)] = writeLock.weights[index(old, seq)];
    }
    writeLock.weights = heavier;
    ring = bigger;
    return bigger;
  }

  @SuppressWarnings("unchecked")
  private Envelope<T> slotUnderLock(long seq) {
    Envelope<T>[] r = ring;
    return (Envelope<T>) r[index(r, seq)];
  }

  private Instant expiry(Instant at) {
    try {
      return at.plus(maxAge);
    } catch (DateTimeException | ArithmeticException beyondTime) {
      return Instant.MAX;
    }
  }

  private static Instant minus(Instant at, Duration d) {
    try {
      return at.minus(d);
    } catch (DateTimeException | ArithmeticException beforeTime) {
      return Instant.MIN;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Envelope<T>[] newRing(int capacity) {
    return (Envelope<T>[]) new Envelope[capacity];
  }

  /**
   * The writer lock and the state only publishers touch, on cache lines of their own: the
   * padding is split across superclasses because the JVM lays out a class's own fields by size.
   * The lock is a field (CAS to take, release store to give back), not the object's monitor:
   * a monitor is the object header, which no padding can keep off its neighbour's cache line,
   * and a publish would then slow down whichever reader uses that neighbour.
   */
  private static final class PaddedLock extends PaddedLockFields {
    private static final VarHandle LOCKED = Handles.field(PaddedLockFields.class, "locked", int.class);

    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8;

    /** Not reentrant. Critical sections are a few dozen nanoseconds: spin, then yield. */
    void lock() {
      int tries = 0;
      while (!LOCKED.compareAndSet(this, 0, 1)) {
        Handles.backoff(tries++);
      }
    }

    void unlock() {
      LOCKED.setRelease(this, 0);
    }
  }

  private static class PaddedLockFields extends PaddedLockLhs {
    /** 1 while held. */
    volatile int locked;
    /** No retained event is too old before this instant. */
    Instant ageCheckAt = Instant.MAX;
    /** The last stamp, kept non-decreasing along seq even if the clock steps back. */
    long lastMillis = Long.MIN_VALUE;
    Instant lastAt = Instant.MIN;
    /** The weight of each retained event, in the slot of the ring that holds it. */
    int[] weights;
    /** The sum of the retained events' weights. */
    long retainedBytes;
  }

  private static class PaddedLockLhs {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8;
  }
}
