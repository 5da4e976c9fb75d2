package io.thermobus.zone;

import io.thermobus.sim.SimClock;
import io.vertx.core.Vertx;

/**
 * The one timer of a shard: armed for the earliest of its zones' {@link Deadlines}, so a shard
 * sleeps while nothing is due. It waits at least 20 simulated ms (and one wall ms), so zones due
 * close together are handled in one turn while a heater's and a room's heat loss stay in order,
 * and at most {@value #MAX_WAIT_MILLIS} wall ms, so a change of the time scale is noticed soon.
 * Owned by the shard's event loop.
 */
public final class ShardTimer {

  static final long MIN_GAP_NANOS = 20_000_000;
  static final long MAX_WAIT_MILLIS = 250;

  private final Vertx vertx;
  private final SimClock clock;
  private final Deadlines deadlines;
  private final Runnable onDue;
  private long timerId = -1;
  private long firesAtNanos;

  /** {@code onDue} runs on the shard's event loop when the timer fires; it polls the deadlines. */
  public ShardTimer(Vertx vertx, SimClock clock, Deadlines deadlines, Runnable onDue) {
    this.vertx = vertx;
    this.clock = clock;
    this.deadlines = deadlines;
    this.onDue = onDue;
  }

  /** Arms the timer for the earliest deadline unless it fires soon enough already; call after each change. */
  public void rearm() {
    long next = deadlines.next();
    if (next == Long.MAX_VALUE) {
      cancel();
      return;
    }
    long wait = Math.min(MAX_WAIT_MILLIS, clock.wallMillisUntil(Math.max(next, clock.now() + MIN_GAP_NANOS)));
    long firesAt = System.nanoTime() + wait * 1_000_000;
    if (timerId >= 0 && firesAtNanos <= firesAt) {
      return;
    }
    cancel();
    firesAtNanos = firesAt;
    timerId = vertx.setTimer(wait, id -> {
      timerId = -1;
      onDue.run();
      rearm();
    });
  }

  public void cancel() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
