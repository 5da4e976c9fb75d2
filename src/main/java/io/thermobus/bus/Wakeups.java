package io.thermobus.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The armed {@link Waiter}s of all subscriptions, indexed by topic so that a publish touches only
 * the waiters it concerns, and only while any are armed.
 *
 * <p>Lost wakeups are ruled out Dekker-style: {@link #register} stores {@code entries}
 * (volatile) and then loads the log's head; a publisher stores head and then loads
 * {@code entries}. Volatile accesses are totally ordered, so either the publisher sees the
 * entry (and then takes the lock, which the registration holds until the waiter is listed) or
 * the registration sees the new head and is refused, and the caller rescans.
 */
final class Wakeups {

  private final Object lock = new Object();
  /** Guarded by lock. */
  private final HashMap<String, List<Waiter>> byTopic = new HashMap<>();
  /** Guarded by lock: waiters of subscriptions to every topic. */
  private List<Waiter> anyTopic = new ArrayList<>();
  /** Number of listed entries (a waiter for k topics is listed k times). Written under lock. */
  private volatile int entries;

  /**
   * Lists the waiter unless the log's head moved past {@code scannedTo}.
   *
   * @return {@code false} if the head moved: the caller must look at the new events first
   */
  boolean register(Waiter waiter, TopicFilter filter, RetainedLog<?> log, long scannedTo) {
    synchronized (lock) {
      List<String> topics = filter.topics();
      int n = filter.matchesAll() ? 1 : topics.size();
      entries += n;
      if (log.head() != scannedTo) {
        entries -= n;
        return false;
      }
      if (filter.matchesAll()) {
        anyTopic.add(waiter);
      } else {
        for (String topic : topics) {
          byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(waiter);
        }
      }
      return true;
    }
  }

  /** Called by a publisher after it stored head; fires outside the lock, on the publisher's thread. */
  void published(String topic) {
    if (entries == 0) {
      return;
    }
    List<Waiter> all;
    List<Waiter> some;
    synchronized (lock) {
      all = anyTopic.isEmpty() ? List.of() : anyTopic;
      if (!all.isEmpty()) {
        anyTopic = new ArrayList<>();
      }
      some = byTopic.remove(topic);
      if (some == null) {
        some = List.of();
      }
      entries -= all.size() + some.size();
    }
    all.forEach(Waiter::fire);
    some.forEach(Waiter::fire);
  }

  /** Drops fired and cancelled waiters, which otherwise stay listed until their topic is published. */
  void purge() {
    synchronized (lock) {
      int removed = 0;
      int before = anyTopic.size();
      anyTopic.removeIf(w -> !w.armed());
      removed += before - anyTopic.size();
      var it = byTopic.values().iterator();
      while (it.hasNext()) {
        List<Waiter> list = it.next();
        before = list.size();
        list.removeIf(w -> !w.armed());
        removed += before - list.size();
        if (list.isEmpty()) {
          it.remove();
        }
      }
      entries -= removed;
    }
  }

  int armedEntries() {
    return entries;
  }
}
