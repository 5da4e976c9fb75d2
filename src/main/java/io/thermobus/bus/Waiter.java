package io.thermobus.bus;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link Wakeup} whose callback runs on whichever thread fires it first; later fires are no-ops. */
final class Waiter implements Wakeup {

  private static final System.Logger LOG = System.getLogger(Waiter.class.getName());

  private final Runnable callback;
  private final AtomicBoolean done = new AtomicBoolean();

  Waiter(Runnable callback) {
    this.callback = callback;
  }

  @Override
  public boolean cancel() {
    return done.compareAndSet(false, true);
  }

  boolean armed() {
    return !done.get();
  }

  /** Runs the callback if still armed. A failing callback is logged, never thrown at the firing thread. */
  void fire() {
    if (done.compareAndSet(false, true)) {
      try {
        callback.run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "bus wakeup callback failed", e);
      }
    }
  }
}
