package io.thermobus.bus;

import java.io.PrintStream;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The chapter's event-bus example on our bus: two consumers read 1.0, 2.0 and 3.0 and unsubscribe
 * on 3.0; the chamber is printed with its two tombstoned empty queues, then again after the
 * once-a-second sweep has removed them. The consumers sleep on a semaphore between wakeups
 * instead of polling in a loop as the chapter's do.
 */
public final class ChapterDemo {

  private static final String TOPIC = "value";

  private ChapterDemo() {}

  public static void run(PrintStream out) throws InterruptedException {
    SubscriberBus<Float> bus = new SubscriberBus<>(Retention.defaults(), InstantSource.system());
    ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(ChapterDemo::daemon);
    CountDownLatch swept = new CountDownLatch(1);
    try {
      CountDownLatch subscribed = new CountDownLatch(2);
      Thread one = consumer(bus, subscribed, out);
      Thread two = consumer(bus, subscribed, out);
      subscribed.await();
      for (float value : new float[] {1.0f, 2.0f, 3.0f}) {
        bus.publish(TOPIC, "demo", value);
      }
      one.join();
      two.join();
      out.println(chamber(bus));
      collector.scheduleAtFixedRate(() -> {
        bus.sweep();
        swept.countDown();
      }, 1, 1, TimeUnit.SECONDS);
      swept.await();
      out.println(chamber(bus));
    } finally {
      collector.shutdownNow();
    }
  }

  private static Thread consumer(SubscriberBus<Float> bus, CountDownLatch subscribed, PrintStream out) {
    Thread thread = new Thread(() -> {
      Subscription<Float> handle = bus.subscribe();
      subscribed.countDown();
      Semaphore available = new Semaphore(0);
      while (true) {
        Delivery<Float> delivery = handle.poll();
        if (delivery == null) {
          handle.onAvailable(available::release);
          available.acquireUninterruptibly();
        } else if (delivery instanceof Envelope<Float> event) {
          out.println("id: " + handle.id() + " value: " + event.data());
          if (event.data() == 3.0f) {
            handle.close();
            return;
          }
        }
      }
    });
    thread.start();
    return thread;
  }

  /** The chapter's {@code {1: [], 0: []}}: every subscription still held, with its empty queue. */
  private static String chamber(SubscriberBus<Float> bus) {
    return bus.snapshot().subscriptions().stream()
        .map(info -> info.id() + ": []")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "chapter-demo-gc");
    thread.setDaemon(true);
    return thread;
  }
}
