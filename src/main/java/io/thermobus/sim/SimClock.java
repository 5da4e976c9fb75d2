package io.thermobus.sim;

import io.thermobus.schedule.WeekClock;
import java.util.function.LongSupplier;

/**
 * Simulated time that runs {@code timeScale} times faster than a wall clock: one per node, shared
 * by every verticle. Thread-safe: readers take the current anchor (an immutable record in a
 * volatile field) without a lock; a change of scale is synchronized and publishes a new anchor
 * that starts where simulated time stands, so changing the scale never makes time jump.
 */
public final class SimClock {

  /** From {@code wall} on, simulated time is {@code sim + (wallNow - wall) * scale}. */
  private record Anchor(long wall, long sim, double scale) {}

  /** Where a node's simulated nanosecond 0 falls in the week: its schedules and its rooms' outside curves read the time of day from it. */
  public static final WeekClock WEEK = WeekClock.MONDAY_MIDNIGHT;

  private final LongSupplier wallNanos;
  private volatile Anchor anchor;

  public SimClock(double timeScale, LongSupplier wallNanos) {
    this.wallNanos = wallNanos;
    this.anchor = new Anchor(wallNanos.getAsLong(), 0, requirePositive(timeScale));
  }

  public static SimClock system(double timeScale) {
    return new SimClock(timeScale, System::nanoTime);
  }

  /** Simulated nanoseconds since this clock was created. */
  public long now() {
    return at(anchor, wallNanos.getAsLong());
  }

  public double timeScale() {
    return anchor.scale();
  }

  /** Changes the speed from now on without a jump in simulated time. Any thread. */
  public synchronized void setTimeScale(double newScale) {
    double scale = requirePositive(newScale);
    long wall = wallNanos.getAsLong();
    anchor = new Anchor(wall, at(anchor, wall), scale);
  }

  /** Wall milliseconds (at least 1) until the simulated instant {@code simNanos}, at the current scale. */
  public long wallMillisUntil(long simNanos) {
    Anchor current = anchor;
    double wallNanosLeft = (simNanos - at(current, wallNanos.getAsLong())) / current.scale();
    return Math.max(1, (long) Math.ceil(wallNanosLeft / 1_000_000d));
  }

  private static long at(Anchor anchor, long wall) {
    return anchor.sim() + (long) ((wall - anchor.wall()) * anchor.scale());
  }

  private static double requirePositive(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a positive finite number, got " + scale);
    }
    return scale;
  }
}
