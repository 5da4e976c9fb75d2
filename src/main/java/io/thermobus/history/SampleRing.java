package io.thermobus.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bounded ring of a zone's recent samples, oldest first. Samples closer together than the
 * resolution replace each other (the latest values win) unless the heater switched, so memory is
 * bounded by the capacity and the time covered by capacity × resolution at least. Pure and
 * single-threaded: owned by one history verticle.
 */
public final class SampleRing {

  private final Sample[] ring;
  private final long resolutionMillis;
  private int start;
  private int size;

  public SampleRing(int capacity, long resolutionMillis) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
    }
    if (resolutionMillis < 0) {
      throw new IllegalArgumentException("resolution must be >= 0: " + resolutionMillis);
    }
    this.ring = new Sample[capacity];
    this.resolutionMillis = resolutionMillis;
  }

  public void record(Sample sample) {
    Objects.requireNonNull(sample, "sample");
    if (size > 0) {
      Sample last = ring[index(size - 1)];
      if (last.heaterOn() == sample.heaterOn()
          && sample.at().toEpochMilli() - last.at().toEpochMilli() < resolutionMillis) {
        ring[index(size - 1)] = new Sample(last.at(), sample.temperatureCenti(), sample.desiredCenti(), sample.heaterOn());
        return;
      }
    }
    if (size == ring.length) {
      ring[start] = sample;
      start = (start + 1) % ring.length;
    } else {
      ring[index(size)] = sample;
      size++;
    }
  }

  /** The samples at or after {@code from}, oldest first. */
  public List<Sample> since(Instant from) {
    Objects.requireNonNull(from, "from");
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Sample sample = ring[index(i)];
      if (!sample.at().isBefore(from)) {
        out.add(sample);
      }
    }
    return out;
  }

  public int size() {
    return size;
  }

  private int index(int offset) {
    return (start + offset) % ring.length;
  }
}
