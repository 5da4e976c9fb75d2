package io.thermobus.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Watches the readings' slope for an open window (see {@link WindowDetection}): holds the
 * readings of the last slope window, so its memory is bounded by the readings in that time.
 */
final class WindowDetector {

  private record Reading(long at, int centi) {}

  private final WindowDetection settings;
  private final long slopeNanos;
  private final Deque<Reading> readings = new ArrayDeque<>();
  private long openSince = -1;

  WindowDetector(WindowDetection settings) {
    this.settings = settings;
    this.slopeNanos = settings.slopeSeconds() * 1_000_000_000L;
  }

  /** Records a reading; answers whether it reveals an open window. */
  boolean reading(int centi, long now) {
    if (!settings.enabled()) {
      return false;
    }
    readings.addLast(new Reading(now, centi));
    while (readings.size() > 1 && second().at() <= now - slopeNanos) {
      readings.removeFirst(); // keep one reading at or before the window's start as its base
    }
    Reading first = readings.peekFirst();
    if (first.at() > now - slopeNanos || (openSince >= 0 && first.at() < openSince)) {
      return false; // not a whole slope window of readings yet (since the window was found open)
    }
    double perMinute = (first.centi() - centi) / 100.0 / ((now - first.at()) / 60e9);
    if (openSince < 0 && perMinute > settings.dropPerMinute()) {
      openSince = now;
      return true;
    }
    if (openSince >= 0 && perMinute < settings.dropPerMinute() / 2) {
      openSince = -1;
    }
    return false;
  }

  private Reading second() {
    Iterator<Reading> iterator = readings.iterator();
    iterator.next();
    return iterator.next();
  }

  /** Whether the last readings still fall as through an open window (since it was found open). */
  boolean open() {
    return openSince >= 0;
  }

  /** The off period is over: look afresh. */
  void clear() {
    openSince = -1;
    readings.clear();
  }
}
