package io.thermobus.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One publisher (the JMH thread) fans events out to N subscribers. An operation is one event:
 * each invocation publishes {@link #BATCH} events and then waits until every subscriber observed
 * all of them, so the score in events/s times N is deliveries/s, and {@code gc.alloc.rate.norm}
 * divided by N is bytes allocated per delivery (all threads count: publisher and consumers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class FanOutBenchmark {

  public static final int BATCH = 4096;

  @Param({"1", "8", "64"})
  public int subscribers;

  /** Owned by the JMH thread. */
  private long published;
  private List<Observer> observers;
  private List<Progress> progress;

  @Setup(Level.Trial)
  public final void setUp() throws Exception {
    published = 0;
    observers = Observers.create(subscribers);
    progress = start(observers);
  }

  @TearDown(Level.Trial)
  public final void tearDown() throws Exception {
    stop();
    for (Observer observer : observers) {
      observer.verify(published);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void fanOut() {
    for (int i = 0; i < BATCH; i++) {
      publish(++published);
    }
    long target = published * subscribers;
    int emptyPolls = 0;
    while (delivered() < target) {
      Idle.pause(emptyPolls++);
    }
  }

  private long delivered() {
    long sum = 0;
    for (Progress p : progress) {
      sum += p.get();
    }
    return sum;
  }

  /** Subscribes the observers and starts the consumer threads; returns one progress per thread. */
  protected abstract List<Progress> start(List<Observer> observers) throws Exception;

  /** Publishes the event with this seq (1, 2, 3, ...). */
  protected abstract void publish(long seq);

  /** Stops the consumer threads; after it returns, the observers are quiescent. */
  protected abstract void stop() throws Exception;
}
