package io.thermobus.zone;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * At most one pending deadline per zone, in simulated nanoseconds, earliest first: what lets a
 * shard keep one timer for all its zones. Rescheduling or cancelling a zone leaves its old entry
 * in the queue, skipped when it comes up, so each change costs O(log n). Pure and single-threaded:
 * owned by one shard's event loop.
 */
public final class Deadlines {

  private record Entry(long at, String zone, long stamp) {}

  private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
  private final Map<String, Long> current = new HashMap<>();
  private long stamps;

  /** Sets the zone's deadline, replacing any earlier one. */
  public void schedule(String zone, long at) {
    long stamp = ++stamps;
    current.put(zone, stamp);
    queue.add(new Entry(at, zone, stamp));
  }

  public void cancel(String zone) {
    current.remove(zone);
  }

  /** The earliest pending deadline, or {@link Long#MAX_VALUE} when none is. */
  public long next() {
    skipReplaced();
    Entry head = queue.peek();
    return head == null ? Long.MAX_VALUE : head.at;
  }

  /** Hands every zone whose deadline is at or before {@code now} to {@code due}, earliest first; each once. */
  public void pollDue(long now, Consumer<String> due) {
    skipReplaced();
    while (!queue.isEmpty() && queue.peek().at <= now) {
      Entry entry = queue.poll();
      current.remove(entry.zone);
      due.accept(entry.zone);
      skipReplaced();
    }
  }

  private void skipReplaced() {
    while (!queue.isEmpty()) {
      Entry head = queue.peek();
      Long stamp = current.get(head.zone);
      if (stamp != null && stamp == head.stamp) {
        return;
      }
      queue.poll();
    }
  }
}
