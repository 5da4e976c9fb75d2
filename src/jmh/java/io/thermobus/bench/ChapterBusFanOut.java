package io.thermobus.bench;

import io.thermobus.bus.Envelope;
import java.util.List;

/**
 * (b) The chapter's design: every event copied into every subscriber's deque; subscribers pop
 * one at a time (each pop takes the lock), all on one consumer thread.
 */
public class ChapterBusFanOut extends FanOutBenchmark {

  private final Stamper stamper = new Stamper();
  private ChapterEventBus<Envelope<Tick>> bus;
  private PollingThread consumer;

  @Override
  @SuppressWarnings("unchecked")
  protected List<Progress> start(List<Observer> observers) {
    bus = new ChapterEventBus<>();
    ChapterEventBus.Handle<Envelope<Tick>>[] handles = new ChapterEventBus.Handle[observers.size()];
    Observer[] watching = observers.toArray(new Observer[0]);
    for (int i = 0; i < handles.length; i++) {
      handles[i] = bus.subscribe();
    }
    consumer = new PollingThread("chapter-subscribers", () -> {
      long got = 0;
      for (int i = 0; i < handles.length; i++) {
        Envelope<Tick> event;
        while ((event = handles[i].poll()) != null) {
          watching[i].observe(event.seq());
          got++;
        }
      }
      return got;
    });
    consumer.start();
    return List.of(consumer.progress());
  }

  @Override
  protected void publish(long seq) {
    bus.send(new Envelope<>(seq, "temperature", "home", stamper.now(), new Tick(seq)));
  }

  @Override
  protected void stop() throws InterruptedException {
    consumer.halt();
  }
}
