package io.thermobus.bus;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable choice of the events a subscriber wants: a set of topics (empty matches every
 * topic) and at most one zone ({@code null} matches every zone). The cursor applies it as it
 * walks the log, before anything is handed to a sink, and the wakeups are indexed by it, so an
 * unwanted event costs a narrowed subscriber neither a delivery nor a wakeup.
 */
final class TopicFilter {

  private final String[] topics;
  private final List<String> sorted;
  private final String zone;

  TopicFilter(Collection<String> topics, String zone) {
    Objects.requireNonNull(topics, "topics");
    TreeSet<String> set = new TreeSet<>();
    for (String topic : topics) {
      set.add(Objects.requireNonNull(topic, "topic"));
    }
    this.sorted = List.copyOf(set);
    this.topics = set.toArray(new String[0]);
    this.zone = zone;
  }

  /** Every event, of every topic and zone. */
  boolean matchesAll() {
    return topics.length == 0 && zone == null;
  }

  boolean matches(Envelope<?> envelope) {
    return (zone == null || zone.equals(envelope.zone())) && matchesTopic(envelope.topic());
  }

  private boolean matchesTopic(String topic) {
    if (topics.length == 0) {
      return true;
    }
    for (String t : topics) {
      if (t.equals(topic)) {
        return true;
      }
    }
    return false;
  }

  List<String> topics() {
    return sorted;
  }

  /** The one zone wanted, or {@code null} for every zone. */
  String zone() {
    return zone;
  }
}
