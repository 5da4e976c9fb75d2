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

  private int drainLocked(RetainedLog<T> log, int max, Consumer<? super Delivery<T>> sink, LongAdder laggedMarkers) {
    long h = log.head();
    long n = next;
    if (n > h) {
      return 0;
    }
    Envelope<T>[] ring = log.ring();
    int count = 0;
    try {
      long t = log.tail();
      if (n < t) {
        long from = n;
        n = t;
        count++;
        laggedMarkers.increment();
        sink.accept(new Lagged<>(t - from, t));
      }
      boolean all = filter.matchesAll();
      while (n <= h && count < max && state == SubscriptionState.LIVE) {
        Envelope<T> e = RetainedLog.read(ring, n);
        if (e == null) {
          // Evicted after we loaded tail: the acquire load of the slot makes the new tail visible.
          long from = n;
          t = log.tail();
          n = t;
          count++;
          laggedMarkers.increment();
          sink.accept(new Lagged<>(t - from, t));
          continue;
        }
        n++;
        if (all || filter.matches(e.topic())) {
          count++;
          sink.accept(e);
        }
      }
      return count;
    } finally {
      next = n;
    }
  }

  /**
   * Moves the cursor over events this subscriber does not match, up to head.
   *
   * @return whether a read would now deliver something (an event or a lagged marker)
   */
  private boolean skipToDeliverable(RetainedLog<T> log) {
    long h = log.head();
    long n = next;
    if (n > h) {
      return false;
    }
    if (n < log.tail() || filter.matchesAll()) {
      return true;
    }
    Envelope<T>[] ring = log.ring();
    try {
      for (; n <= h; n++) {
        Envelope<T> e = RetainedLog.read(ring, n);
        if (e == null || filter.matches(e.topic())) {
          return true;
        }
      }
      return false;
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
        if (wakeups.register(waiter, filter, log, next - 1)) {
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
