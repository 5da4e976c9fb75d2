package io.thermobus.bench;

import io.thermobus.bus.Envelope;
import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Retained heap per event: heap used after GC with {@link #EVENTS} events retained and N
 * subscribers that have read none of them, minus the heap used before, divided by the events.
 * Run as {@code RetainedMemory <bus|chapter> <subscribers>} in a fresh JVM; prints bytes/event.
 * The figure includes the 16-byte payload and the envelope, stamped the same way for both.
 */
public final class RetainedMemory {

  static final int EVENTS = 100_000;

  private RetainedMemory() {
  }

  public static void main(String[] args) {
    String contender = args[0];
    int subscribers = Integer.parseInt(args[1]);
    long before = usedAfterGc();
    Object retained = contender.equals("bus") ? fillBus(subscribers) : fillChapter(subscribers);
    long after = usedAfterGc();
    Reference.reachabilityFence(retained);
    System.out.println((after - before) / (double) EVENTS);
  }

  private static Object fillBus(int subscribers) {
    SubscriberBus<Tick> bus = new SubscriberBus<>(new Retention(EVENTS, Duration.ofHours(1)), InstantSource.system());
    List<Subscription<Tick>> handles = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      handles.add(bus.subscribe());
    }
    for (long seq = 1; seq <= EVENTS; seq++) {
      bus.publish("temperature", "home", new Tick(seq));
    }
    return List.of(bus, handles);
  }

  private static Object fillChapter(int subscribers) {
    ChapterEventBus<Envelope<Tick>> bus = new ChapterEventBus<>();
    Stamper stamper = new Stamper();
    List<ChapterEventBus.Handle<Envelope<Tick>>> handles = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      handles.add(bus.subscribe());
    }
    for (long seq = 1; seq <= EVENTS; seq++) {
      bus.send(new Envelope<>(seq, "temperature", "home", stamper.now(), new Tick(seq)));
    }
    return List.of(bus, handles);
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
