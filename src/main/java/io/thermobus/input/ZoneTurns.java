package io.thermobus.input;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One zone's requests, run one at a time in arrival order, each after the previous one's save;
 * bounded, so a save that hangs does not queue requests without end. Owned by its input shard's
 * event loop.
 */
final class ZoneTurns {

  /** Requests waiting for their turn (behind a slow save) before further ones are refused as not saved. */
  static final int MAX_WAITING = 64;

  /** The zone's last request (or retry, or removal); the next one starts after it. */
  private Future<?> last = Future.succeededFuture();
  private int waiting;

  /** Queues {@code step} behind the zone's earlier requests; {@code false}, queuing nothing, when too many wait. */
  boolean request(Supplier<Future<?>> step) {
    if (waiting >= MAX_WAITING) {
      return false;
    }
    waiting++;
    then(() -> {
      waiting--;
      return step.get();
    });
    return true;
  }

  /** Runs {@code step} after the zone's earlier turns, however they ended, without a place in the bound; its turn. */
  Future<?> then(Supplier<Future<?>> step) {
    last = last.transform(previous -> step.get());
    return last;
  }

  Future<?> last() {
    return last;
  }
}
