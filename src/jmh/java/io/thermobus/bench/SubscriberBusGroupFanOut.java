package io.thermobus.bench;

import io.thermobus.bus.Envelope;
import io.thermobus.bus.GroupSink;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * (a') This bus, its subscribers drained together with {@code drainAll} by one consumer thread:
 * each event is read once and handed to every subscriber, still through each subscriber's own
 * cursor. Each round is bounded by the published head, like {@link SubscriberBusFanOut}.
 */
public class SubscriberBusGroupFanOut extends FanOutBenchmark {

  private SubscriberBus<Tick> bus;
  private PollingThread consumer;

  @Override
  protected List<Progress> start(List<Observer> observers) {
    SubscriberBus<Tick> log = new SubscriberBus<>();
    bus = log;
    List<Subscription<Tick>> members = new ArrayList<>();
    for (int i = 0; i < observers.size(); i++) {
      members.add(log.subscribe());
    }
    Observer[] watching = observers.toArray(new Observer[0]);
    GroupSink<Tick> sink = (member, delivery) -> watching[member].observe(((Envelope<Tick>) delivery).seq());
    // Owned by the consumer thread, padded: every member has read up to this seq.
    Progress drainedTo = new Progress();
    drainedTo.add(log.head());
    consumer = new PollingThread("bus-group", () -> {
      long head = log.head();
      long from = drainedTo.get();
      long got = 0;
      for (long at = from; at < head; at += SubscriberBusFanOut.MAX_BATCH) {
        got += log.drainAll(members, (int) Math.min(SubscriberBusFanOut.MAX_BATCH, head - at), sink);
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
}
