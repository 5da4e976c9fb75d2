package io.thermobus.bus;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable set of topics a subscriber wants (empty matches every topic), and optionally the
 * one zone it wants: checked on the envelope's fields, without reading its data.
 */
final class TopicFilter {

  private final String[] topics;
  private final List<String> sorted;
  private final String zone;

  TopicFilter(Collection<String> topics) {
    this(topics, null);
  }

  /** {@code zone} {@code null} matches every zone. */
  TopicFilter(Collection<String> topics, String zone) {
    this.zone = zone;
    Objects.requireNonNull(topics, "topics");
    TreeSet<String> set = new TreeSet<>();
    for (String topic : topics) {
      set.add(Objects.requireNonNull(topic, "topic"));
    }
    this.sorted = List.copyOf(set);
    this.topics = set.toArray(new String[0]);
  }

  boolean matchesAll() {
    return topics.length == 0 && zone == null;
  }

  boolean matches(Envelope<?> envelope) {
    return (zone == null || zone.equals(envelope.zone())) && matches(envelope.topic());
  }

  /** The one zone wanted, or {@code null} for all. */
  String zone() {
    return zone;
  }

  private boolean matches(String topic) {
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

  /** Equal filters match the same envelopes: the same topics and the same zone. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TopicFilter that && sorted.equals(that.sorted) && Objects.equals(zone, that.zone);
  }

  @Override
  public int hashCode() {
    return sorted.hashCode() * 31 + Objects.hashCode(zone);
  }
}
