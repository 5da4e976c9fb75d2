package io.thermobus.bench;

import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.util.List;
import java.util.function.Consumer;

/**
 * (a) This bus: one shared log, every subscriber draining its own cursor in batches, all on one
 * consumer thread. Each round the thread loads the published head once and drains every
 * subscriber up to it (at most {@link #MAX_BATCH} per drain), passing that count as {@code max}
 * so that no subscriber probes the slot the publisher is writing: that cache line would
 * otherwise move between the two cores once per subscriber per round.
 */
public class SubscriberBusFanOut extends FanOutBenchmark {

  static final int MAX_BATCH = 4096;

  private SubscriberBus<Tick> bus;
  private PollingThread consumer;

  @Override
  protected List<Progress> start(List<Observer> observers) {
    SubscriberBus<Tick> log = new SubscriberBus<>();
    bus = log;
    Reader[] readers = new Reader[observers.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new Reader(log.subscribe(), observers.get(i));
    }
    // Owned by the consumer thread, padded: every subscriber has read up to this seq.
    Progress drainedTo = new Progress();
    drainedTo.add(log.head());
    consumer = new PollingThread("bus-subscribers", () -> {
      long head = log.head();
      long from = drainedTo.get();
      long got = 0;
      for (long at = from; at < head; at += MAX_BATCH) {
        int max = (int) Math.min(MAX_BATCH, head - at);
        for (Reader reader : readers) {
          got += reader.subscription.drain(max, reader);
        }
      }
      drainedTo.add(head - from);
      return got;
    });
    consumer.start();
    return List.of(consumer.progress());
  }

  @Override
  protected void publish(long seq) {
    bus.publish("temperature", "home", new Tick(seq));
  }

  @Override
  protected void stop() throws InterruptedException {
    consumer.halt();
  }

  private static final class Reader implements Consumer<Delivery<Tick>> {
    final Subscription<Tick> subscription;
    final Observer observer;

    Reader(Subscription<Tick> subscription, Observer observer) {
      this.subscription = subscription;
      this.observer = observer;
    }

    @Override
    public void accept(Delivery<Tick> delivery) {
      observer.observe(((Envelope<Tick>) delivery).seq());
    }
  }
}
