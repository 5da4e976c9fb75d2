package io.thermobus.bench;

import java.util.function.LongSupplier;

/**
 * A consumer thread that calls {@code round} (deliver whatever is there to its subscribers, return
 * how many deliveries) until stopped, spinning briefly and then yielding when idle: the same idle
 * strategy as the Disruptor's {@code YieldingWaitStrategy}.
 */
final class PollingThread extends Thread {

  private final LongSupplier round;
  private final Progress progress = new Progress();
  private volatile boolean running = true;

  PollingThread(String name, LongSupplier round) {
    super(name);
    this.round = round;
    setDaemon(true);
  }

  Progress progress() {
    return progress;
  }

  @Override
  public void run() {
    int idle = 0;
    while (running) {
      long got = round.getAsLong();
      if (got > 0) {
        progress.add(got);
        idle = 0;
      } else if (++idle < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  void halt() throws InterruptedException {
    running = false;
    join();
  }
}
