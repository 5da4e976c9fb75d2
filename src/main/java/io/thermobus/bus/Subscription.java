package io.thermobus.bus;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The in-process handle of one subscription. {@link #close()} unsubscribes; a handle dropped
 * without being closed is unsubscribed by a {@link Cleaner} once it is garbage-collected (the
 * analogue of the chapter's {@code Drop}). Safe to use from any thread, like the bus.
 *
 * @param <T> the payload type
 */
public final class Subscription<T> implements AutoCloseable {

  private final SubscriberBus<T> bus;
  private final Cursor<T> cursor;
  private final Cleaner.Cleanable cleanable;

  Subscription(SubscriberBus<T> bus, Cursor<T> cursor) {
    this.bus = bus;
    this.cursor = cursor;
    this.cleanable = Cleaners.CLEANER.register(this, new Unsubscribe<>(bus, cursor));
  }

  public long id() {
    return cursor.id;
  }

  /** Pops the next delivery, or {@code null} when caught up; throws gone once closed. */
  public Delivery<T> poll() {
    return bus.poll(cursor);
  }

  /** Up to {@code max} deliveries in order. */
  public List<Delivery<T>> drain(int max) {
    return bus.drain(cursor, max);
  }

  /** Hands up to {@code max} deliveries to the sink on this thread, allocation-free. */
  public int drain(int max, Consumer<? super Delivery<T>> sink) {
    return bus.drain(cursor, max, sink);
  }

  /** Arms a one-shot wakeup; see {@link SubscriberBus#onAvailable(long, Runnable)}. */
  public Wakeup onAvailable(Runnable callback) {
    return bus.onAvailable(cursor, callback);
  }

  /**
   * Runs {@code callback} once when this subscription is tombstoned (closed, unsubscribed through
   * the bus API or its lease expired), on the thread that tombstones it, or at once on this thread
   * if it already is. The callback must be short and must not block. Replaces an earlier one.
   */
  public void onClosed(Runnable callback) {
    cursor.onTombstoned(Objects.requireNonNull(callback, "callback"));
  }

  /** What this subscription reads: equal for subscriptions of the same topics and zone, so usable as a key. */
  public Object filter() {
    return cursor.filter;
  }

  SubscriberBus<T> bus() {
    return bus;
  }

  Cursor<T> cursor() {
    return cursor;
  }

  public SubscriptionInfo info() {
    return cursor.info(bus.head());
  }

  /** Unsubscribes (tombstones) this subscription; idempotent. */
  @Override
  public void close() {
    cleanable.clean();
  }

  /** The cleaning action: holds the bus and the cursor, never the handle, or it would never run. */
  private record Unsubscribe<T>(SubscriberBus<T> bus, Cursor<T> cursor) implements Runnable {
    @Override
    public void run() {
      bus.tombstone(cursor, null);
    }
  }

  /** One daemon thread for all buses: a Cleaner per bus would start a thread per bus. */
  private static final class Cleaners {
    static final Cleaner CLEANER = Cleaner.create();
  }
}
