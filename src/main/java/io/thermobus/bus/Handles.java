package io.thermobus.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Small helpers for the bus's hand-made concurrency: field handles and lock backoff. */
final class Handles {

  private Handles() {
  }

  /** The VarHandle of a field of this package, for use in a static initializer. */
  static VarHandle field(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.lookup().findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Backoff for a thread that failed to take a short lock {@code tries} times: spin, then yield.
   * Lock holders in the bus never block, so the wait is as long as their critical section.
   */
  static void backoff(int tries) {
    if (tries < 100) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }
}
