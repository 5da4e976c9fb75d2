package io.thermobus.bus;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** An immutable set of topics a subscriber wants; empty matches every topic. */
final class TopicFilter {

  private final String[] topics;
  private final List<String> sorted;

  TopicFilter(Collection<String> topics) {
    Objects.requireNonNull(topics, "topics");
    TreeSet<String> set = new TreeSet<>();
    for (String topic : topics) {
      set.add(Objects.requireNonNull(topic, "topic"));
    }
    this.sorted = List.copyOf(set);
    this.topics = set.toArray(new String[0]);
  }

  boolean matchesAll() {
    return topics.length == 0;
  }

  boolean matches(String topic) {
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
}
