package io.thermobus.bench;

import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.util.List;
import java.util.function.Consumer;

/**
 * (a) This bus, every subscriber draining its own cursor in batches, all on one consumer thread.
 * Chunks of 512 events (about 30 KB of envelopes) stay in the core's cache from one subscriber to
 * the next; with chunks of 4096 every subscriber re-read them from further away, about three
 * times slower at 64 subscribers.
 */
public class SubscriberBusFanOut extends BusFanOutBase {

  @Override
  protected int chunk() {
    return 512;
  }

  @Override
  protected Drainer drainer(SubscriberBus<Tick> bus, List<Subscription<Tick>> subscriptions, Observer[] observers) {
    Reader[] readers = new Reader[observers.length];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new Reader(subscriptions.get(i), observers[i]);
    }
    return max -> {
      long got = 0;
      for (Reader reader : readers) {
        got += reader.subscription.drain(max, reader);
      }
      return got;
    };
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
