package io.thermobus.stream;

import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.Lagged;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a slow reader's backlog to the latest event per zone and topic, counting what each kept
 * event replaces; lag markers fold into one. Memory is bounded by the number of distinct keys, not
 * by the backlog. Pure and single-threaded: owned by one connection.
 *
 * @param <T> the payload type of the bus
 */
final class Coalescer<T> {

  /** A delivery to send, and how many earlier deliveries of its key it replaces. */
  record Folded<T>(Delivery<T> delivery, int replaced) {}

  private static final String LAGGED_KEY = "";

  private final Map<String, Folded<T>> latest = new LinkedHashMap<>();

  void add(Delivery<T> delivery) {
    if (delivery instanceof Envelope<T> envelope) {
      String key = envelope.zone() + '\u0000' + envelope.topic();
      Folded<T> before = latest.get(key);
      latest.put(key, new Folded<>(envelope, before == null ? 0 : before.replaced() + 1));
    } else {
      Lagged<T> lagged = (Lagged<T>) delivery;
      Folded<T> before = latest.get(LAGGED_KEY);
      Lagged<T> merged = before == null ? lagged
          : new Lagged<>(((Lagged<T>) before.delivery()).lagged() + lagged.lagged(), lagged.resumeAt());
      latest.put(LAGGED_KEY, new Folded<>(merged, 0));
    }
  }

  /** How many distinct zone and topic pairs are held. */
  int keys() {
    return latest.size();
  }

  boolean isEmpty() {
    return latest.isEmpty();
  }

  /** Everything held, in bus order (a lag marker before the events it precedes), and empties. */
  List<Folded<T>> take() {
    List<Folded<T>> out = new ArrayList<>(latest.values());
    latest.clear();
    out.sort(Comparator.comparingLong(folded -> order(folded.delivery())));
    return out;
  }

  private static long order(Delivery<?> delivery) {
    return delivery instanceof Envelope<?> envelope ? envelope.seq() : ((Lagged<?>) delivery).resumeAt() - 1;
  }
}
