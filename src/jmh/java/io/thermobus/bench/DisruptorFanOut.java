package io.thermobus.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * (d) LMAX Disruptor multicast, single producer, preallocated mutable entries, the Disruptor's
 * yielding wait strategy with the benchmark's common spin count. {@code threadPerHandler}: one BatchEventProcessor (thread) per subscriber;
 * {@code oneThread}: one processor whose handler dispatches each event to the N subscribers.
 * {@code stamp}: whether the publisher fills the entry with the same content as the other
 * contenders' envelopes (topic, zone, a timestamp from the same {@link Stamper}, a payload
 * object) or only with the seq, which skips the clock read that every other contender pays.
 */
public class DisruptorFanOut extends FanOutBenchmark {

  private static final int RING = 4 * BATCH;

  @Param({"threadPerHandler", "oneThread"})
  public String handlers;

  @Param({"true", "false"})
  public boolean stamp;

  private final Stamper stamper = new Stamper();

  private Disruptor<Slot> disruptor;
  private RingBuffer<Slot> ring;

  /** The Disruptor's preallocated entry. */
  static final class Slot {
    long seq;
    String topic;
    String zone;
    Instant at;
    Tick data;
  }

  @Override
  protected List<Progress> start(List<Observer> observers) {
    disruptor = new Disruptor<>(Slot::new, RING, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
        new SpinThenYieldWaitStrategy());
    List<Progress> progress = new ArrayList<>();
    if (handlers.equals("oneThread")) {
      Progress p = new Progress();
      progress.add(p);
      Observer[] all = observers.toArray(new Observer[0]);
      disruptor.handleEventsWith(new Dispatcher(all, p));
    } else {
      List<EventHandler<Slot>> each = new ArrayList<>();
      for (Observer observer : observers) {
        Progress p = new Progress();
        progress.add(p);
        each.add(new Dispatcher(new Observer[] {observer}, p));
      }
      @SuppressWarnings("unchecked")
      EventHandler<Slot>[] array = each.toArray(new EventHandler[0]);
      disruptor.handleEventsWith(array);
    }
    ring = disruptor.start();
    return progress;
  }

  @Override
  protected void publish(long seq) {
    long at = ring.next();
    Slot slot = ring.get(at);
    slot.seq = seq;
    if (stamp) {
      slot.topic = "temperature";
      slot.zone = "home";
      slot.at = stamper.now();
      slot.data = new Tick(seq);
    }
    ring.publish(at);
  }

  @Override
  protected void stop() {
    disruptor.halt();
  }

  private static final class Dispatcher extends DispatcherFields implements EventHandler<Slot> {
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7, q8;

    Dispatcher(Observer[] observers, Progress progress) {
      super(observers, progress);
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
      for (Observer observer : observers) {
        observer.observe(slot.seq);
      }
      pending += observers.length;
      if (endOfBatch) {
        progress.add(pending);
        pending = 0;
      }
    }
  }

  /** Padded like the other consumer-written state of the benchmark ({@link Observer}, {@link Progress}). */
  @SuppressWarnings("unused")
  private abstract static class DispatcherLhsPadding {
    private long p1, p2, p3, p4, p5, p6, p7, p8;
  }

  private abstract static class DispatcherFields extends DispatcherLhsPadding {
    final Observer[] observers;
    final Progress progress;
    long pending;

    DispatcherFields(Observer[] observers, Progress progress) {
      this.observers = observers;
      this.progress = progress;
    }
  }
}
