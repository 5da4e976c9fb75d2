package io.thermobus;

import java.time.Duration;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the service in order and exit with status 0 within the budget, instead of
 * the JVM's default 143/130 after running hooks in no particular order.
 */
final class GracefulExit {

  /** We promise an exit within 5 s of the signal, and keep a margin for the JVM's own exit. */
  static final Duration BUDGET = Duration.ofSeconds(4);

  /** A blocking stop of the whole service. */
  interface Stop {
    void run(Duration budget) throws Exception;
  }

  private GracefulExit() {}

  static void onSignals(Stop stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> exit(signal, stop));
    }
  }

  /** Runs on the JVM's signal dispatcher thread, so it may block. */
  private static void exit(Signal signal, Stop stop) {
    System.err.println("thermobus: SIG" + signal.getName() + " received, stopping");
    try {
      stop.run(BUDGET);
      System.err.println("thermobus: stopped");
    } catch (Exception e) {
      System.err.println("thermobus: did not stop cleanly within " + BUDGET.toMillis() + " ms (" + e
          + "); exiting anyway, settings are saved as they change");
    }
    System.exit(0);
  }
}
