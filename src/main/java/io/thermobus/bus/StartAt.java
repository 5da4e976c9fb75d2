package io.thermobus.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a new subscription starts reading. A start older than retention gets a {@link Lagged}
 * marker on its first read, like any cursor that fell behind.
 */
public sealed interface StartAt {

  /** The next event published: {@code next} = head + 1. */
  static StartAt latest() {
    return Latest.INSTANCE;
  }

  /** The oldest retained event (head + 1 when nothing is retained). */
  static StartAt earliest() {
    return Earliest.INSTANCE;
  }

  /** The event with this seq, inclusive; a seq beyond head + 1 waits until it is published. */
  static StartAt seq(long seq) {
    return new AtSeq(seq);
  }

  /**
   * The first event with {@code at >= time}. Resolved against the retained window: a time
   * before the oldest retained event starts there, without a marker, because the times of
   * evicted events are not kept.
   */
  static StartAt time(Instant time) {
    return new AtTime(time);
  }

  /** See {@link #latest()}. */
  enum Latest implements StartAt { INSTANCE }

  /** See {@link #earliest()}. */
  enum Earliest implements StartAt { INSTANCE }

  /** See {@link #seq(long)}. */
  record AtSeq(long seq) implements StartAt {
    public AtSeq {
      if (seq < 1) {
        throw new IllegalArgumentException("seq must be >= 1: " + seq);
      }
    }
  }

  /** See {@link #time(Instant)}. */
  record AtTime(Instant time) implements StartAt {
    public AtTime {
      Objects.requireNonNull(time, "time");
    }
  }
}
