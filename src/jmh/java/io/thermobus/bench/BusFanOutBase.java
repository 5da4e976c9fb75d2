package io.thermobus.bench;

import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * This bus with all its subscribers on one consumer thread. Each round the thread loads the
 * published head once and drains every subscriber up to it, {@link #chunk()} events at a time,
 * passing the exact count as {@code max} so that no read probes the slot the publisher is
 * writing: that cache line would otherwise move between the two cores once per subscriber per
 * round. Subclasses say how the subscribers drain.
 */
public abstract class BusFanOutBase extends FanOutBenchmark {

  private SubscriberBus<Tick> bus;
  private PollingThread consumer;

  @Override
  protected final List<Progress> start(List<Observer> observers) {
    SubscriberBus<Tick> log = new SubscriberBus<>();
    bus = log;
    List<Subscription<Tick>> subscriptions = new ArrayList<>();
    for (int i = 0; i < observers.size(); i++) {
      subscriptions.add(log.subscribe());
    }
    Drainer drainer = drainer(log, subscriptions, observers.toArray(new Observer[0]));
    int chunk = chunk();
    // Owned by the consumer thread, padded: every subscriber has read up to this seq.
    Progress drainedTo = new Progress();
    drainedTo.add(log.head());
    consumer = new PollingThread("bus-subscribers", () -> {
      long head = log.head();
      long from = drainedTo.get();
      long got = 0;
      for (long at = from; at < head; at += chunk) {
        got += drainer.drain((int) Math.min(chunk, head - at));
      }
      drainedTo.add(head - from);
      return got;
    });
    consumer.start();
    return List.of(consumer.progress());
  }

  @Override
  protected final void publish(long seq) {
    bus.publish("temperature", "home", new Tick(seq));
  }

  @Override
  protected final void stop() throws InterruptedException {
    consumer.halt();
  }

  /** At most how many events each subscriber reads per call. */
  protected abstract int chunk();

  /** How the subscribers read {@code max} events each: runs on the consumer thread. */
  protected abstract Drainer drainer(SubscriberBus<Tick> bus, List<Subscription<Tick>> subscriptions,
      Observer[] observers);

  /** One read of {@code max} events by every subscriber; returns the deliveries. */
  @FunctionalInterface
  protected interface Drainer {
    long drain(int max);
  }
}
