package io.thermobus.bench;

/**
 * The one idle strategy of every polling party in the benchmark (publisher waiting for
 * deliveries, polling consumer threads, Disruptor processors): spin a while, then yield. Yielding
 * too early hands the core to other processes on a shared machine for a whole time slice.
 */
final class Idle {

  static final int SPINS = 1_000;

  private Idle() {
  }

  /** Called once per empty poll, with the count of empty polls so far. */
  static void pause(int emptyPolls) {
    if (emptyPolls < SPINS) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }
}
