package io.thermobus.ops;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The share of a sliding window during which a heater was on, from its switch times. Times are
 * monotonic nanoseconds from any origin; the window shrinks to the observed span at the start.
 * Switched by the metrics verticle's event loop and read by scrapes on other threads, hence
 * synchronized.
 */
final class DutyCycle {

  /** A stretch of on-time; {@code end} is {@code Long.MAX_VALUE} while the heater is still on. */
  private record OnSpan(long start, long end) {}

  private final long windowNanos;
  private final Deque<OnSpan> spans = new ArrayDeque<>();
  private long observedSince = Long.MIN_VALUE;

  DutyCycle(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    this.windowNanos = window.toNanos();
  }

  /** Records the heater's state at {@code nanos}; repeating the current state changes nothing. */
  synchronized void switched(boolean on, long nanos) {
    if (observedSince == Long.MIN_VALUE) {
      observedSince = nanos;
    }
    OnSpan last = spans.peekLast();
    boolean currentlyOn = last != null && last.end() == Long.MAX_VALUE;
    if (on && !currentlyOn) {
      spans.addLast(new OnSpan(nanos, Long.MAX_VALUE));
    } else if (!on && currentlyOn) {
      spans.removeLast();
      spans.addLast(new OnSpan(last.start(), nanos));
    }
    forgetBefore(nanos - windowNanos);
  }

  /** On-time over the window ending at {@code nanos}, between 0 and 1; 0 before any observation. */
  synchronized double ratio(long nanos) {
    if (observedSince == Long.MIN_VALUE || nanos <= observedSince) {
      return 0;
    }
    long from = Math.max(observedSince, nanos - windowNanos);
    long on = 0;
    for (OnSpan span : spans) {
      long start = Math.max(span.start(), from);
      long end = Math.min(span.end(), nanos);
      if (end > start) {
        on += end - start;
      }
    }
    return (double) on / (nanos - from);
  }

  private void forgetBefore(long nanos) {
    while (!spans.isEmpty() && spans.peekFirst().end() < nanos) {
      spans.removeFirst();
    }
  }
}
