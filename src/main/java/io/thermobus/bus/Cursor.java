package io.thermobus.bus;

import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One subscriber's position in the shared log, its filter, state and lease: a few hundred
 * bytes, whatever the number of retained events.
 *
 * <p>Reads, wakeup arming and tombstoning of one subscription are serialized by its own
 * reentrant lock, so that two threads draining the same id never deliver an event twice and
 * nothing is delivered after {@link #tombstone} returns. Publishers never take it. The lock is a
 * field (CAS to take, release store to give back) rather than the object's monitor, and every
 * field sits between paddings: a reader writes them once per drain, and on a cache line shared
 * with whatever object the allocator or the GC placed next to it (the bus itself, say) those
 * writes would slow every publish. {@code next}, {@code state} and the lease deadline are
 * volatile so that introspection can read them from any thread.
 */
final class Cursor<T> extends CursorFields<T> {

  private static final VarHandle OWNER = Handles.field(CursorFields.class, "owner", Thread.class);

  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7, q8;

  Cursor(long id, TopicFilter filter, long next, long leaseMillis, long nowMillis) {
    super(id, filter, next, leaseMillis, leaseMillis > 0 ? saturatedAdd(nowMillis, leaseMillis) : Long.MAX_VALUE);
  }

  /**
   * Takes the subscription's lock; reentrant. Contention only comes from other readers of the
   * same id, whose critical sections are one drain: spin briefly, then yield.
   */
  void lock() {
    Thread me = Thread.currentThread();
    if (owner == me) {
      holds++;
      return;
    }
    int tries = 0;
    while (!OWNER.compareAndSet(this, null, me)) {
      Handles.backoff(tries++);
    }
    holds = 1;
  }

  void unlock() {
    if (--holds == 0) {
      OWNER.setRelease(this, null);
    }
  }

  long nextSeq() {
    return next;
  }

  boolean live() {
    return state == SubscriptionState.LIVE;
  }

  void renewLease(long nowMillis) {
    if (leaseMillis > 0) {
      leaseDeadline = saturatedAdd(nowMillis, leaseMillis);
    }
  }

  /**
   * Hands the sink up to {@code max} deliveries: first a lagged marker if the cursor fell out
   * of retention, then matching envelopes in seq order. Stops early if the sink tombstones this
   * subscription. An exception from the sink propagates; what it was given counts as delivered.
   */
  int drain(RetainedLog<T> log, int max, Consumer<? super Delivery<T>> sink, LongAdder laggedMarkers) {
    lock();
    try {
      if (state != SubscriptionState.LIVE) {
        throw new SubscriptionGoneException(id);
      }
      if (draining) {
        throw new IllegalStateException("subscription " + id + " read again from inside its own sink");
      }
      draining = true;
      try {
        return drainLocked(log, max, sink, laggedMarkers);
      } finally {
        draining = false;
      }
    } finally {
      unlock();
    }
  }

  /**
   * The read loop. It is driven by the slots, not by head: a slot holding the wanted seq is
   * delivered, an older seq means not yet published, a newer seq or an empty slot below head
   * means evicted. So a reader that keeps up never loads head, the cache line every publish
   * writes; see {@code RetainedLog} for why each case is safe. Consecutive evictions it runs
   * into become one marker.
   */
  int drainLocked(RetainedLog<T> log, int max, Consumer<? super Delivery<T>> sink, LongAdder laggedMarkers) {
    Envelope<T>[] ring = log.ring();
    long n = next;
    int index = RetainedLog.index(ring, n);
    boolean all = filter.matchesAll();
    long lagFrom = -1;
    int count = 0;
    try {
      while (count < max) {
        Envelope<T> e = ring[index];
        if (e != null && e.seq() == n) {
          if (lagFrom >= 0) {
            count++;
            emitLagged(lagFrom, n, sink, laggedMarkers);
            lagFrom = -1;
            if (count >= max || closedInSink) {
              break;
            }
          }
          n++;
          index = RetainedLog.nextIndex(ring, index);
          if (all || filter.matches(e)) {
            count++;
            sink.accept(e);
            if (closedInSink) {
              break;
            }
          }
          continue;
        }
        if (e != null && e.seq() < n) {
          break;
        }
        if (e == null) {
          if (!log.publishedAfterMiss(n)) {
            break;
          }
          Envelope<T>[] current = log.ring();
          if (current != ring) {
            ring = current;
            index = RetainedLog.index(ring, n);
            continue;
          }
        }
        long tail = log.tailAfterMiss(ring, index, n);
        if (tail == n) {
          continue;
        }
        if (lagFrom < 0) {
          lagFrom = n;
        }
        n = tail;
        index = RetainedLog.index(ring, n);
      }
      if (lagFrom >= 0) {
        count++;
        emitLagged(lagFrom, n, sink, laggedMarkers);
      }
      return count;
    } finally {
      next = n;
    }
  }

  private void emitLagged(long from, long resumeAt, Consumer<? super Delivery<T>> sink, LongAdder laggedMarkers) {
    laggedMarkers.increment();
    sink.accept(new Lagged<>(resumeAt - from, resumeAt));
  }

  /**
   * Moves the cursor over events this subscriber does not match, as far as it can see, with
   * the same slot-driven rules as {@link #drainLocked}.
   *
   * @return whether a read would now deliver something (an event or a lagged marker)
   */
  private boolean skipToDeliverable(RetainedLog<T> log) {
    Envelope<T>[] ring = log.ring();
    long n = next;
    int index = RetainedLog.index(ring, n);
    try {
      while (true) {
        Envelope<T> e = ring[index];
        if (e != null && e.seq() == n) {
          if (filter.matches(e)) {
            return true;
          }
          n++;
          index = RetainedLog.nextIndex(ring, index);
          continue;
        }
        if (e != null && e.seq() < n) {
          return false;
        }
        if (e == null) {
          if (!log.publishedAfterMiss(n)) {
            return false;
          }
          Envelope<T>[] current = log.ring();
          if (current != ring) {
            ring = current;
            index = RetainedLog.index(ring, n);
            continue;
          }
        }
        if (log.tailAfterMiss(ring, index, n) == n) {
          continue;
        }
        return true;
      }
    } finally {
      next = n;
    }
  }

  /** Arms the waiter, or fires it at once (on this thread, outside the lock) if a read would deliver. */
  Waiter arm(RetainedLog<T> log, Wakeups wakeups, Runnable callback) {
    Waiter waiter = new Waiter(callback);
    lock();
    try {
      if (state != SubscriptionState.LIVE) {
        throw new SubscriptionGoneException(id);
      }
      waiters.removeIf(w -> !w.armed());
      while (!skipToDeliverable(log)) {
        if (log.registerUnlessPublishedPast(next - 1, () -> wakeups.add(waiter, filter))) {
          waiters.add(waiter);
          return waiter;
        }
      }
    } finally {
      unlock();
    }
    waiter.fire();
    return waiter;
  }

  /**
   * Tombstones a live subscription and fires its waiters (outside the lock, unless a sink of
   * this subscription's own drain is tombstoning it).
   *
   * @param expiredAt if not {@code null}, only tombstone if the lease expired by then
   * @return whether this call tombstoned it
   */
  boolean tombstone(Instant expiredAt) {
    List<Waiter> toFire;
    Waiter tombstoned;
    lock();
    try {
      if (state != SubscriptionState.LIVE || (expiredAt != null && !leaseExpired(expiredAt))) {
        return false;
      }
      state = SubscriptionState.TOMBSTONED;
      closedInSink = true;
      toFire = List.copyOf(waiters);
      waiters.clear();
      tombstoned = onTombstoned;
      onTombstoned = null;
    } finally {
      unlock();
    }
    toFire.forEach(Waiter::fire);
    if (tombstoned != null) {
      tombstoned.fire();
    }
    return true;
  }

  /**
   * Runs {@code callback} once, when the subscription is tombstoned (on the tombstoning thread,
   * outside the lock), or at once on this thread if it already is. Replaces an earlier callback.
   */
  void onTombstoned(Runnable callback) {
    Waiter waiter = new Waiter(callback);
    lock();
    try {
      if (state == SubscriptionState.LIVE) {
        onTombstoned = waiter;
        return;
      }
    } finally {
      unlock();
    }
    waiter.fire();
  }

  boolean leaseExpired(Instant now) {
    return leaseMillis > 0 && now.toEpochMilli() >= leaseDeadline;
  }

  SubscriptionInfo info(long head) {
    SubscriptionState s = state;
    long n = next;
    long lag = s == SubscriptionState.LIVE ? Math.max(0, head + 1 - n) : 0;
    Instant lease = leaseMillis > 0 ? Instant.ofEpochMilli(leaseDeadline) : null;
    return new SubscriptionInfo(id, s, filter.topics(), n, lag, lease);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}

/** Padding before the fields (the JVM lays out superclass fields first). */
@SuppressWarnings("unused")
abstract class CursorLhsPadding {
  private long p1, p2, p3, p4, p5, p6, p7, p8;
}

/** The state of a {@link Cursor}, between its paddings. */
abstract class CursorFields<T> extends CursorLhsPadding {

  final long id;
  final TopicFilter filter;
  /** Lease length in ms; 0 = no lease. */
  final long leaseMillis;

  volatile long next;
  volatile SubscriptionState state = SubscriptionState.LIVE;
  /** Epoch ms after which an unpolled leased subscription is expired. */
  volatile long leaseDeadline;
  /** The thread holding the cursor's lock, or {@code null}. */
  volatile Thread owner;
  /** Guarded by the lock: how many times the owner took it. */
  int holds;
  /** Guarded by the lock: set while a sink runs, to refuse re-entrant reads of the same cursor. */
  boolean draining;
  /**
   * Guarded by the lock: a plain copy of {@code state != LIVE} for the read loop. Tombstoning
   * takes the lock, so while a drain runs only its own sink (re-entering) can set it.
   */
  boolean closedInSink;
  /** Guarded by the lock. */
  final List<Waiter> waiters = new ArrayList<>(1);
  /** Guarded by the lock: this cursor's part in a running {@code GroupDrain}. */
  int groupRole;
  /** Guarded by the lock: what a running {@code GroupDrain} handed this cursor before it left the lane. */
  int laneReceived;
  /** Guarded by the lock: fired once when the subscription is tombstoned, or {@code null}. */
  Waiter onTombstoned;

  CursorFields(long id, TopicFilter filter, long next, long leaseMillis, long leaseDeadline) {
    this.id = id;
    this.filter = filter;
    this.next = next;
    this.leaseMillis = leaseMillis;
    this.leaseDeadline = leaseDeadline;
  }
}
