package io.thermobus.bus;

import java.lang.invoke.VarHandle;

/**
 * A long alone on its cache line (the padding is inherited so the JVM cannot reorder it away),
 * as in the Disruptor: the log's published head, written by publishers for every event and read
 * by every reader, must not share a line with anything else.
 */
final class Sequence extends SequenceRhsPadding {

  private static final VarHandle VALUE = Handles.field(SequenceValue.class, "value", long.class);

  /** Volatile load. */
  long get() {
    return value;
  }

  /** Release store: everything written before it is visible to whoever loads this value. */
  void setRelease(long v) {
    VALUE.setRelease(this, v);
  }

  /** Plain load, for the single writer that holds the lock it is written under. */
  long getPlain() {
    return (long) VALUE.get(this);
  }
}

@SuppressWarnings("unused")
class SequenceLhsPadding {
  protected long p1, p2, p3, p4, p5, p6, p7;
}

class SequenceValue extends SequenceLhsPadding {
  protected volatile long value;
}

@SuppressWarnings("unused")
class SequenceRhsPadding extends SequenceValue {
  protected long p9, p10, p11, p12, p13, p14, p15;
}
