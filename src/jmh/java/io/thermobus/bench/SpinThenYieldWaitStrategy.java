package io.thermobus.bench;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/** The Disruptor's {@code YieldingWaitStrategy} with the benchmark's common {@link Idle} policy. */
final class SpinThenYieldWaitStrategy implements WaitStrategy {

  @Override
  public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
      throws AlertException {
    long available;
    int emptyPolls = 0;
    while ((available = dependentSequence.get()) < sequence) {
      barrier.checkAlert();
      Idle.pause(emptyPolls++);
    }
    return available;
  }

  @Override
  public void signalAllWhenBlocking() {
  }
}
