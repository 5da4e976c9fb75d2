package io.thermobus.bus;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The subscriber-queue bus: one shared retained log and, per subscriber, a cursor into it, so
 * that each subscriber reads its own ordered queue of matching events while every event is
 * stored once, however many subscribers there are.
 *
 * <p><b>Threading.</b> Every method is safe to call from any thread. {@link #publish} takes one
 * short lock shared only with other publishers (and, briefly, with readers arming a wakeup; a
 * thread that finds it taken spins a little, then yields),
 * does O(1) amortized work whatever the number of subscribers, and never waits for a
 * subscriber: a subscriber that falls behind retention loses events and gets a {@link Lagged}
 * marker instead. Reads ({@link #poll}, {@link #drain}) take no bus-wide lock: they read the
 * ring directly, holding only their own subscription's lock, so concurrent reads of one id
 * are serialized and never deliver twice; a reader that keeps up does not even load the head
 * publishers write. The memory ordering these lock-free reads rely on is written down in
 * {@code RetainedLog}. Handing an envelope to another thread is safe however it is done: it is
 * immutable (its payload is the publisher's business).
 *
 * <p><b>Waiting.</b> No call waits for data to arrive. {@link #onAvailable} arms a one-shot
 * {@link Wakeup} whose callback runs once, when the subscription has something to deliver or is
 * tombstoned: on the publishing or unsubscribing thread (or at once on the caller's if data is
 * already there), outside every lock. Callbacks must be short and must not block (hop to an event
 * loop); an idle subscriber costs no CPU.
 *
 * <p><b>Ids.</b> 64-bit, counting up from 0 like the chapter's, never reused. An id that was
 * issued and is not live answers {@link SubscriptionGoneException} for the life of the bus, also
 * after {@link #sweep} removed it; an id never issued answers {@link UnknownSubscriptionException}.
 * Ids are public (introspection lists them); what proves a detached subscription is the caller's
 * is the secret it was created with ({@link #holdsSecret}), kept until the sweep removes it.
 *
 * @param <T> the payload type
 */
public final class SubscriberBus<T> {

  private final RetainedLog<T> log;
  private final InstantSource clock;
  private final Retention retention;
  private final ToIntFunction<? super T> weigher;
  private final Wakeups wakeups = new Wakeups();
  private final ConcurrentHashMap<Long, Cursor<T>> cursors = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Cursor<T>> tombstoned = new ConcurrentLinkedQueue<>();
  /** The secrets of detached subscriptions, live or tombstoned until swept: its size is how many exist. Added under idLock. */
  private final ConcurrentHashMap<Long, byte[]> secrets = new ConcurrentHashMap<>();
  private final int maxDetached;
  private final Object idLock = new Object();
  /** Next id to issue; every id below it was issued. Written under idLock after the cursor is listed. */
  private volatile long nextId;
  private final LongAdder laggedMarkers = new LongAdder();
  private final AtomicLong sweeps = new AtomicLong();

  /** A bus with the default retention (10 000 events, 600 s) on the system UTC clock. */
  public SubscriberBus() {
    this(Retention.defaults(), InstantSource.system());
  }

  public SubscriberBus(Retention retention, InstantSource clock) {
    this(retention, clock, Integer.MAX_VALUE);
  }

  /** @param maxDetached how many detached subscriptions may exist at once, tombstoned ones counting until swept */
  public SubscriberBus(Retention retention, InstantSource clock, int maxDetached) {
    this(retention, clock, maxDetached, data -> 0);
  }

  /**
   * @param maxDetached how many detached subscriptions may exist at once, tombstoned ones counting until swept
   * @param weigher     a payload's size in bytes for {@link Retention#maxBytes}; called on the
   *                    publishing thread, outside the bus's lock
   */
  public SubscriberBus(Retention retention, InstantSource clock, int maxDetached, ToIntFunction<? super T> weigher) {
    this.weigher = Objects.requireNonNull(weigher, "weigher");
    if (maxDetached < 1) {
      throw new IllegalArgumentException("maxDetached must be >= 1: " + maxDetached);
    }
    this.maxDetached = maxDetached;
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = new RetainedLog<>(retention, clock, wakeups);
  }

  public Retention retention() {
    return retention;
  }

  /** The last published seq (0 before the first publish). */
  public long head() {
    return log.head();
  }

  /**
   * Appends an event stamped with the next seq and the clock's time in milliseconds (never
   * earlier than the previous event's), evicts what falls out of retention and fires the
   * wakeups it concerns, on this thread.
   */
  public Envelope<T> publish(String topic, String zone, T data) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(data, "data");
    int weight = weigher.applyAsInt(data);
    if (weight < 0) {
      throw new IllegalArgumentException("the weigher answered a negative size: " + weight);
    }
    return log.append(topic, zone, data, (int) Math.min(Integer.MAX_VALUE, (long) weight + Retention.ENVELOPE_BYTES));
  }

  /** The chapter's subscribe: every topic, from the next event, closed with the handle. */
  public Subscription<T> subscribe() {
    return subscribe(List.of(), StartAt.latest(), null);
  }

  public Subscription<T> subscribe(Collection<String> topics, StartAt from) {
    return subscribe(topics, from, null);
  }

  /**
   * Subscribes to one zone's events of {@code topics} (empty = all): the others are skipped on
   * their envelope's zone, and never wake this subscriber.
   */
  public Subscription<T> subscribe(Collection<String> topics, String zone, StartAt from) {
    return new Subscription<>(this, open(new TopicFilter(topics, Objects.requireNonNull(zone, "zone")), from, null, null));
  }

  /**
   * Subscribes and returns a handle; closing the handle, or dropping it unclosed, unsubscribes.
   *
   * @param topics topics to receive; empty = all
   * @param lease  if not {@code null}, the subscription is tombstoned when not read for this long
   */
  public Subscription<T> subscribe(Collection<String> topics, StartAt from, Duration lease) {
    return new Subscription<>(this, open(new TopicFilter(topics), from, lease, null));
  }

  /**
   * Subscribes without a handle, for callers that keep only the id (HTTP, event-bus clients):
   * only {@link #unsubscribe} or the lease ends it, so the lease is required.
   *
   * @param secret what {@link #holdsSecret} will accept for it; {@code null}: nothing
   * @throws TooManySubscriptionsException if {@code maxDetached} detached subscriptions exist
   */
  public SubscriptionInfo subscribeDetached(Collection<String> topics, StartAt from, Duration lease, byte[] secret) {
    return subscribeDetached(topics, null, from, lease, secret);
  }

  /** As {@link #subscribeDetached(Collection, StartAt, Duration, byte[])}, narrowed to one zone unless {@code zone} is {@code null}. */
  public SubscriptionInfo subscribeDetached(Collection<String> topics, String zone, StartAt from, Duration lease, byte[] secret) {
    Objects.requireNonNull(lease, "lease");
    return open(new TopicFilter(topics, zone), from, lease, secret == null ? new byte[0] : secret.clone()).info(log.head());
  }

  /**
   * Whether {@code candidate} is the live subscription's secret, compared in time independent of
   * where they differ. A subscription with a handle (a browser stream's) has none.
   *
   * @throws UnknownSubscriptionException if the id was never issued
   * @throws SubscriptionGoneException if it is not live
   */
  public boolean holdsSecret(long id, byte[] candidate) {
    live(id);
    byte[] secret = secrets.get(id);
    return secret != null && secret.length > 0 && candidate != null && MessageDigest.isEqual(secret, candidate);
  }

  /** Pops the next delivery, or returns {@code null} when the subscriber is caught up. */
  public Delivery<T> poll(long id) {
    return poll(live(id));
  }

  /** Up to {@code max} deliveries in order; empty when caught up. */
  public List<Delivery<T>> drain(long id, int max) {
    return drain(live(id), max);
  }

  /**
   * Hands up to {@code max} deliveries, in order, to the sink on the calling thread: the
   * allocation-free way to read. The sink must not read the same subscription.
   *
   * @return how many it handed over
   */
  public int drain(long id, int max, Consumer<? super Delivery<T>> sink) {
    return drain(live(id), max, sink);
  }

  /**
   * Drains several subscriptions in one call, on the calling thread: each member gets exactly
   * what {@code drain(member, maxEach, sink)} would have handed it, in its own order (members
   * interleave). Members that read every topic from one common position share one pass over
   * the log, each event read once for all of them: the way for one thread (an event loop
   * serving many streams) to feed many subscribers. Members already tombstoned are skipped.
   *
   * @param members  subscriptions of this bus, each at most once
   * @param sink     gets each delivery with the index in {@code members} of the member it is for;
   *                 it must not read the members
   * @return how many deliveries it handed over
   */
  public int drainAll(List<Subscription<T>> members, int maxEach, GroupSink<T> sink) {
    if (maxEach < 1) {
      throw new IllegalArgumentException("maxEach must be >= 1: " + maxEach);
    }
    Objects.requireNonNull(sink, "sink");
    @SuppressWarnings("unchecked")
    Cursor<T>[] cursors = new Cursor[members.size()];
    long nowMillis = 0;
    for (int i = 0; i < cursors.length; i++) {
      Subscription<T> member = members.get(i);
      if (member.bus() != this) {
        throw new IllegalArgumentException("subscription " + member.id() + " belongs to another bus");
      }
      cursors[i] = member.cursor();
      if (cursors[i].leaseMillis > 0) {
        nowMillis = nowMillis == 0 ? clock.millis() : nowMillis;
        cursors[i].renewLease(nowMillis);
      }
    }
    return GroupDrain.drain(log, cursors, maxEach, sink, laggedMarkers);
  }

  /** Arms a one-shot wakeup for the subscription; see the class comment. Renews its lease. */
  public Wakeup onAvailable(long id, Runnable callback) {
    return onAvailable(live(id), callback);
  }

  /**
   * Tombstones the subscription at once: it delivers nothing more and answers gone. Idempotent.
   *
   * @return {@code true} if this call tombstoned it, {@code false} if it was already gone
   * @throws UnknownSubscriptionException if the id was never issued
   */
  public boolean unsubscribe(long id) {
    Cursor<T> cursor = cursors.get(id);
    if (cursor == null) {
      requireIssued(id);
      return false;
    }
    return tombstone(cursor, null);
  }

  /** The subscription as introspection shows it, live or tombstoned. */
  public SubscriptionInfo info(long id) {
    Cursor<T> cursor = cursors.get(id);
    if (cursor == null) {
      requireIssued(id);
      throw new SubscriptionGoneException(id);
    }
    return cursor.info(log.head());
  }

  /**
   * The garbage collector (the Vert.x layer runs it every second): removes, in one batch, the
   * subscriptions tombstoned before it started, then tombstones leases expired by the clock (so
   * they show as tombstoned until the next sweep), evicts events past the age bound and drops
   * stale wakeups.
   *
   * @return how many subscriptions it removed
   */
  public int sweep() {
    int removed = 0;
    for (int n = tombstoned.size(); n > 0; n--) {
      Cursor<T> cursor = tombstoned.poll();
      if (cursor == null) {
        break;
      }
      cursors.remove(cursor.id, cursor);
      secrets.remove(cursor.id);
      removed++;
    }
    expireLeases(clock.instant());
    log.trimByAge();
    wakeups.purge();
    sweeps.incrementAndGet();
    return removed;
  }

  /**
   * Tombstones every subscription whose lease ran out by {@code now} without a read.
   *
   * @return how many it tombstoned
   */
  public int expireLeases(Instant now) {
    Objects.requireNonNull(now, "now");
    int expired = 0;
    for (Cursor<T> cursor : cursors.values()) {
      if (cursor.live() && cursor.leaseExpired(now) && tombstone(cursor, now)) {
        expired++;
      }
    }
    return expired;
  }

  /** Every live and tombstoned subscription by id, and the bus's counters. */
  public BusSnapshot snapshot() {
    return snapshot(-1, Integer.MAX_VALUE);
  }

  /**
   * One page of the subscriptions (those with an id above {@code after}, at most {@code limit},
   * by id) with the counts of all of them, and the bus's counters. Costs one pass over the
   * subscriptions and keeps only the page.
   */
  public BusSnapshot snapshot(long after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    long head = log.head();
    long live = 0;
    long tombstoned = 0;
    // The page's cursors and one more (which tells whether more exist), largest id first, so the
    // largest is dropped in O(log limit).
    PriorityQueue<Cursor<T>> page = new PriorityQueue<>(Comparator.comparingLong((Cursor<T> c) -> c.id).reversed());
    for (Cursor<T> cursor : cursors.values()) {
      if (cursor.live()) {
        live++;
      } else {
        tombstoned++;
      }
      if (cursor.id > after) {
        page.add(cursor);
        if (page.size() > (long) limit + 1) {
          page.poll();
        }
      }
    }
    boolean more = page.size() > limit;
    if (more) {
      page.poll();
    }
    List<SubscriptionInfo> subscriptions = new ArrayList<>(page.size());
    for (Cursor<T> cursor : page) {
      subscriptions.add(cursor.info(head));
    }
    subscriptions.sort(Comparator.comparingLong(SubscriptionInfo::id));
    long[] window = log.window();
    return new BusSnapshot(List.copyOf(subscriptions), live, tombstoned, more, sweeps.get(), window[1],
        window[1] - window[0] + 1, window[0], laggedMarkers.sum(), log.publishRate(Duration.ofSeconds(10)));
  }

  // Handle-side operations: the handle holds its cursor, so no lookup.

  Delivery<T> poll(Cursor<T> cursor) {
    Object[] one = new Object[1];
    drain(cursor, 1, d -> one[0] = d);
    @SuppressWarnings("unchecked")
    Delivery<T> delivery = (Delivery<T>) one[0];
    return delivery;
  }

  List<Delivery<T>> drain(Cursor<T> cursor, int max) {
    List<Delivery<T>> out = new ArrayList<>((int) Math.min(max, Math.max(0, log.head() + 2 - cursor.nextSeq())));
    drain(cursor, max, out::add);
    return out;
  }

  int drain(Cursor<T> cursor, int max, Consumer<? super Delivery<T>> sink) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1: " + max);
    }
    Objects.requireNonNull(sink, "sink");
    if (cursor.leaseMillis > 0) {
      cursor.renewLease(clock.millis());
    }
    return cursor.drain(log, max, sink, laggedMarkers);
  }

  Wakeup onAvailable(Cursor<T> cursor, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (cursor.leaseMillis > 0) {
      cursor.renewLease(clock.millis());
    }
    return cursor.arm(log, wakeups, callback);
  }

  boolean tombstone(Cursor<T> cursor, Instant leaseExpiredBy) {
    if (cursor.tombstone(leaseExpiredBy)) {
      tombstoned.add(cursor);
      return true;
    }
    return false;
  }

  /** @param secret {@code null} for a subscription with a handle, else the detached one's secret (maybe empty) */
  private Cursor<T> open(TopicFilter filter, StartAt from, Duration lease, byte[] secret) {
    Objects.requireNonNull(from, "from");
    long leaseMillis = 0;
    if (lease != null) {
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("lease must be positive: " + lease);
      }
      leaseMillis = Math.max(1, lease.toMillis());
    }
    long start = resolve(from);
    synchronized (idLock) {
      if (secret != null && secrets.size() >= maxDetached) {
        throw new TooManySubscriptionsException(maxDetached);
      }
      long id = nextId;
      Cursor<T> cursor = new Cursor<>(id, filter, start, leaseMillis, clock.millis());
      if (secret != null) {
        secrets.put(id, secret);
      }
      cursors.put(id, cursor);
      nextId = id + 1;
      return cursor;
    }
  }

  private long resolve(StartAt from) {
    if (from instanceof StartAt.Latest) {
      return log.head() + 1;
    } else if (from instanceof StartAt.Earliest) {
      return log.tail();
    } else if (from instanceof StartAt.AtSeq at) {
      return at.seq();
    } else {
      return log.firstSeqAtOrAfter(((StartAt.AtTime) from).time());
    }
  }

  private Cursor<T> live(long id) {
    Cursor<T> cursor = cursors.get(id);
    if (cursor != null && cursor.live()) {
      return cursor;
    }
    requireIssued(id);
    throw new SubscriptionGoneException(id);
  }

  private void requireIssued(long id) {
    if (id < 0 || id >= nextId) {
      throw new UnknownSubscriptionException(id);
    }
  }
}
