package io.thermobus.bench;

import java.util.function.LongSupplier;

/**
 * A consumer thread that calls {@code round} (deliver whatever is there to its subscribers, return
 * how many deliveries) until stopped, idling with the common {@link Idle} strategy.
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
    int emptyPolls = 0;
    while (running) {
      long got = round.getAsLong();
      if (got > 0) {
        progress.add(got);
        emptyPolls = 0;
      } else {
        Idle.pause(emptyPolls++);
      }
    }
  }

  void halt() throws InterruptedException {
    running = false;
    join();
  }
}
