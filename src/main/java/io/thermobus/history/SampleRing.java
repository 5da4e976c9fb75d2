package io.thermobus.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A bounded ring of a zone's recent samples, oldest first. Samples closer together than the
 * resolution replace each other (the latest values win) unless the heater switched, so memory is
 * bounded by the capacity and the time covered by capacity × resolution at least. Samples are
 * kept in primitive arrays that grow on demand up to the capacity: a node hosts many zones, most
 * of them quiet. Pure and single-threaded: owned by one history shard.
 */
public final class SampleRing {

  private static final int FIRST_SIZE = 16;

  private final int capacity;
  private final long resolutionMillis;
  private long[] atMillis;
  private int[] temperatureCenti;
  private int[] desiredCenti;
  private boolean[] heaterOn;
  private int start;
  private int size;

  public SampleRing(int capacity, long resolutionMillis) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
    }
    if (resolutionMillis < 0) {
      throw new IllegalArgumentException("resolution must be >= 0: " + resolutionMillis);
    }
    this.capacity = capacity;
    this.resolutionMillis = resolutionMillis;
    allocate(Math.min(FIRST_SIZE, capacity));
  }

  public void record(Sample sample) {
    Objects.requireNonNull(sample, "sample");
    long at = sample.at().toEpochMilli();
    if (size > 0) {
      int last = index(size - 1);
      if (heaterOn[last] == sample.heaterOn() && at - atMillis[last] < resolutionMillis) {
        set(last, atMillis[last], sample);
        return;
      }
    }
    if (size == atMillis.length && size < capacity) {
      grow();
    }
    if (size == atMillis.length) {
      set(start, at, sample);
      start = (start + 1) % atMillis.length;
    } else {
      set(index(size), at, sample);
      size++;
    }
  }

  /** The samples at or after {@code from}, oldest first. */
  public List<Sample> since(Instant from) {
    Objects.requireNonNull(from, "from");
    long fromMillis = from.toEpochMilli();
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int at = index(i);
      if (atMillis[at] >= fromMillis) {
        out.add(new Sample(Instant.ofEpochMilli(atMillis[at]), temperatureCenti[at], desiredCenti[at], heaterOn[at]));
      }
    }
    return out;
  }

  public int size() {
    return size;
  }

  private void set(int slot, long at, Sample sample) {
    atMillis[slot] = at;
    temperatureCenti[slot] = sample.temperatureCenti();
    desiredCenti[slot] = sample.desiredCenti();
    heaterOn[slot] = sample.heaterOn();
  }

  /** Only while not yet full, so the samples are in order from slot 0. */
  private void grow() {
    int length = Math.min(capacity, atMillis.length * 2);
    atMillis = Arrays.copyOf(atMillis, length);
    temperatureCenti = Arrays.copyOf(temperatureCenti, length);
    desiredCenti = Arrays.copyOf(desiredCenti, length);
    heaterOn = Arrays.copyOf(heaterOn, length);
  }

  private void allocate(int length) {
    atMillis = new long[length];
    temperatureCenti = new int[length];
    desiredCenti = new int[length];
    heaterOn = new boolean[length];
  }

  private int index(int offset) {
    return (start + offset) % atMillis.length;
  }
}
