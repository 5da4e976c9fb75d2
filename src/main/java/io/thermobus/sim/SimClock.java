package io.thermobus.sim;

import java.util.function.LongSupplier;

/**
 * Simulated time that runs {@code timeScale} times faster than a wall clock. Not thread-safe: each
 * verticle owns its own clock on its event loop.
 */
public final class SimClock {

  private final LongSupplier wallNanos;
  private double timeScale;
  private long anchorWall;
  private long anchorSim;

  public SimClock(double timeScale, LongSupplier wallNanos) {
    this.wallNanos = wallNanos;
    this.timeScale = requirePositive(timeScale);
    this.anchorWall = wallNanos.getAsLong();
  }

  public static SimClock system(double timeScale) {
    return new SimClock(timeScale, System::nanoTime);
  }

  /** Simulated nanoseconds since this clock was created. */
  public long now() {
    return anchorSim + (long) ((wallNanos.getAsLong() - anchorWall) * timeScale);
  }

  public double timeScale() {
    return timeScale;
  }

  /** Changes the speed from now on without a jump in simulated time. */
  public void setTimeScale(double newScale) {
    anchorSim = now();
    anchorWall = wallNanos.getAsLong();
    timeScale = requirePositive(newScale);
  }

  /** Wall milliseconds (at least 1) until the simulated instant {@code simNanos}. */
  public long wallMillisUntil(long simNanos) {
    double wallNanosLeft = (simNanos - now()) / timeScale;
    return Math.max(1, (long) Math.ceil(wallNanosLeft / 1_000_000d));
  }

  private static double requirePositive(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a positive finite number, got " + scale);
    }
    return scale;
  }
}
