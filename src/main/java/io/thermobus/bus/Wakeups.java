package io.thermobus.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The armed {@link Waiter}s of all subscriptions, indexed by topic and zone so that a publish
 * touches only the waiters it concerns, and only while any are armed.
 *
 * <p>Lost wakeups are ruled out by the log's writer lock: a waiter is added under it, after
 * checking that nothing was published past what its reader scanned, and a publisher reads
 * {@link #armedEntries} under it, after storing head. Firing happens outside that lock.
 */
final class Wakeups {

  private final Object lock = new Object();
  /** Guarded by lock: by {@link #key} of a topic (or none) and a zone (or none). */
  private final HashMap<String, List<Waiter>> byTopic = new HashMap<>();
  /** Guarded by lock: waiters of subscriptions to every topic. */
  private List<Waiter> anyTopic = new ArrayList<>();
  /** Number of listed entries (a waiter for k topics is listed k times). Written under lock. */
  private volatile int entries;

  /** Lists the waiter under each of its topics; called under the log's writer lock. */
  void add(Waiter waiter, TopicFilter filter) {
    synchronized (lock) {
      if (filter.matchesAll()) {
        anyTopic.add(waiter);
        entries += 1;
      } else if (filter.topics().isEmpty()) {
        byTopic.computeIfAbsent(key("", filter.zone()), t -> new ArrayList<>()).add(waiter);
        entries += 1;
      } else {
        for (String topic : filter.topics()) {
          byTopic.computeIfAbsent(key(topic, filter.zone()), t -> new ArrayList<>()).add(waiter);
        }
        entries += filter.topics().size();
      }
    }
  }

  /** Called by a publisher after it released the writer lock; fires on the publisher's thread. */
  void published(String topic, String zone) {
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
      some = new ArrayList<>();
      for (String key : new String[] {key(topic, null), key(topic, zone), key("", zone)}) {
        List<Waiter> listed = byTopic.remove(key);
        if (listed != null) {
          some.addAll(listed);
        }
      }
      entries -= all.size() + some.size();
    }
    all.forEach(Waiter::fire);
    some.forEach(Waiter::fire);
  }

  /** Topic names and zone names never hold a NUL. */
  private static String key(String topic, String zone) {
    return zone == null ? topic : topic + '\u0000' + zone;
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
