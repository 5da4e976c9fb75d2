package io.thermobus.bench;

import io.thermobus.bus.Envelope;
import io.thermobus.bus.GroupSink;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.util.List;

/**
 * (a') This bus, its subscribers drained together with {@code drainAll} on one consumer thread:
 * each event is read once and handed to every subscriber, still through each one's own cursor.
 */
public class SubscriberBusGroupFanOut extends BusFanOutBase {

  /** Each event is read once for all members, so the chunk need not stay in cache. */
  @Override
  protected int chunk() {
    return 4096;
  }

  @Override
  protected Drainer drainer(SubscriberBus<Tick> bus, List<Subscription<Tick>> subscriptions, Observer[] observers) {
    GroupSink<Tick> sink = (member, delivery) -> observers[member].observe(((Envelope<Tick>) delivery).seq());
    return max -> bus.drainAll(subscriptions, max, sink);
  }
}
