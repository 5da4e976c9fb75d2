package io.thermobus.bus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One subscriber's position in the shared log, its filter, state and lease: a few dozen bytes,
 * whatever the number of retained events.
 *
 * <p>Reads, wakeup arming and tombstoning of one subscription are serialized by its monitor, so
 * that two threads draining the same id never deliver an event twice and nothing is delivered
 * after {@link #tombstone} returns. Publishers never take it. {@code next}, {@code state} and
 * the lease deadline are volatile so that introspection can read them from any thread.
 */
final class Cursor<T> {

  final long id;
  final TopicFilter filter;
  /** Lease length in ms; 0 = no lease. */
  final long leaseMillis;

  private volatile long next;
  private volatile SubscriptionState state = SubscriptionState.LIVE;
  /** Epoch ms after which an unpolled leased subscription is expired. */
  private volatile long leaseDeadline;
  /** Guarded by this: set while a sink runs, to refuse re-entrant reads of the same cursor. */
  private boolean draining;
  /**
   * Guarded by this: a plain copy of {@code state != LIVE} for the read loop. Tombstoning takes the
   * monitor, so while a drain runs only its own sink (re-entering) can set it.
   */
  private boolean closedInSink;
  /** Guarded by this. */
  private final List<Waiter> waiters = new ArrayList<>(1);

  Cursor(long id, TopicFilter filter, long next, long leaseMillis, long nowMillis) {
    this.id = id;
    this.filter = filter;
    this.next = next;
    this.leaseMillis = leaseMillis;
    this.leaseDeadline = leaseMillis > 0 ? saturatedAdd(nowMillis, leaseMillis) : Long.MAX_VALUE;
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
    synchronized (this) {
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
    }
  }

  /**
   * The read loop. It is driven by the slots, not by head: a slot holding the wanted seq is
   * delivered, an older seq means not yet published, a newer seq or an empty slot below head
   * means evicted. So a reader that keeps up never loads head, the cache line every publish
   * writes; see {@code RetainedLog} for why each case is safe. Consecutive evictions it runs
   * into become one marker.
   */
  private int drainLocked(RetainedLog<T> log, int max, Consumer<? super Delivery<T>> sink, LongAdder laggedMarkers) {
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
          if (all || filter.matches(e.topic())) {
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
          if (filter.matches(e.topic())) {
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

  /** Arms the waiter, or fires it at once (on this thread, outside the monitor) if a read would deliver. */
  Waiter arm(RetainedLog<T> log, Wakeups wakeups, Runnable callback) {
    Waiter waiter = new Waiter(callback);
    synchronized (this) {
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
    }
    waiter.fire();
    return waiter;
  }

  /**
   * Tombstones a live subscription and fires its waiters (outside the monitor).
   *
   * @param expiredAt if not {@code null}, only tombstone if the lease expired by then
   * @return whether this call tombstoned it
   */
  boolean tombstone(Instant expiredAt) {
    List<Waiter> toFire;
    synchronized (this) {
      if (state != SubscriptionState.LIVE || (expiredAt != null && !leaseExpired(expiredAt))) {
        return false;
      }
      state = SubscriptionState.TOMBSTONED;
      closedInSink = true;
      toFire = List.copyOf(waiters);
      waiters.clear();
    }
    toFire.forEach(Waiter::fire);
    return true;
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
