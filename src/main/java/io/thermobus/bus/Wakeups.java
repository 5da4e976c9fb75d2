package io.thermobus.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The armed {@link Waiter}s of all subscriptions, indexed by topic so that a publish touches only
 * the waiters it concerns, and only while any are armed.
 *
 * <p>Lost wakeups are ruled out by the log's writer lock: a waiter is added under it, after
 * checking that nothing was published past what its reader scanned, and a publisher reads
 * {@link #armedEntries} under it, after storing head. Firing happens outside that lock.
 */
final class Wakeups {

  private final Object lock = new Object();
  /** Guarded by lock. */
  private final HashMap<String, List<Waiter>> byTopic = new HashMap<>();
  /**
   * Guarded by lock: waiters of subscriptions narrowed to one zone, under that zone if they read
   * every topic, else under the zone and each of their topics ({@link #zoneTopic}).
   */
  private final HashMap<String, List<Waiter>> byZone = new HashMap<>();
  /** Guarded by lock: waiters of subscriptions to every topic. */
  private List<Waiter> anyTopic = new ArrayList<>();
  /** Number of listed entries (a waiter for k topics is listed k times). Written under lock. */
  private volatile int entries;

  /** Lists the waiter under each of its topics; called under the log's writer lock. */
  void add(Waiter waiter, TopicFilter filter) {
    synchronized (lock) {
      if (filter.zone() != null && filter.topics().isEmpty()) {
        byZone.computeIfAbsent(filter.zone(), z -> new ArrayList<>()).add(waiter);
        entries += 1;
      } else if (filter.zone() != null) {
        for (String topic : filter.topics()) {
          byZone.computeIfAbsent(zoneTopic(filter.zone(), topic), z -> new ArrayList<>()).add(waiter);
        }
        entries += filter.topics().size();
      } else if (filter.matchesAll()) {
        anyTopic.add(waiter);
        entries += 1;
      } else {
        for (String topic : filter.topics()) {
          byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(waiter);
        }
        entries += filter.topics().size();
      }
    }
  }

  /**
   * Called by a publisher after it released the writer lock; fires on the publisher's thread. A
   * waiter narrowed to a zone wakes only for its zone's events of its topics, so a stream of one
   * zone costs nothing per event of the others, nor per event of its zone's other topics.
   */
  void published(String topic, String zone) {
    if (entries == 0) {
      return;
    }
    List<Waiter> all;
    List<Waiter> some;
    List<Waiter> ofZone;
    List<Waiter> ofZoneTopic;
    synchronized (lock) {
      all = anyTopic.isEmpty() ? List.of() : anyTopic;
      if (!all.isEmpty()) {
        anyTopic = new ArrayList<>();
      }
      some = byTopic.remove(topic);
      if (some == null) {
        some = List.of();
      }
      ofZone = byZone.isEmpty() ? null : byZone.remove(zone);
      if (ofZone == null) {
        ofZone = List.of();
      }
      ofZoneTopic = byZone.isEmpty() ? null : byZone.remove(zoneTopic(zone, topic));
      if (ofZoneTopic == null) {
        ofZoneTopic = List.of();
      }
      entries -= all.size() + some.size() + ofZone.size() + ofZoneTopic.size();
    }
    all.forEach(Waiter::fire);
    some.forEach(Waiter::fire);
    ofZone.forEach(Waiter::fire);
    ofZoneTopic.forEach(Waiter::fire);
  }

  /** A zone and a topic as one key; zone names hold no NUL, and a collision could only wake a waiter needlessly. */
  private static String zoneTopic(String zone, String topic) {
    return zone + '\u0000' + topic;
  }

  /** Drops fired and cancelled waiters, which otherwise stay listed until their topic is published. */
  void purge() {
    synchronized (lock) {
      int removed = 0;
      int before = anyTopic.size();
      anyTopic.removeIf(w -> !w.armed());
      removed += before - anyTopic.size();
      removed += purge(byTopic);
      removed += purge(byZone);
      entries -= removed;
    }
  }

  /** Called under lock. */
  private static int purge(HashMap<String, List<Waiter>> lists) {
    int removed = 0;
    var it = lists.values().iterator();
    while (it.hasNext()) {
      List<Waiter> list = it.next();
      int before = list.size();
      list.removeIf(w -> !w.armed());
      removed += before - list.size();
      if (list.isEmpty()) {
        it.remove();
      }
    }
    return removed;
  }

  int armedEntries() {
    return entries;
  }
}
