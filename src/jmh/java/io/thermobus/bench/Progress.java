package io.thermobus.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Deliveries made so far by one consumer thread: single writer, published with a release store
 * once per batch, read by the publisher (acquire). Padded against false sharing.
 */
final class Progress {

  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(Progress.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long p1, p2, p3, p4, p5, p6, p7;
  private long value;
  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7;

  /** Only the owning consumer thread calls this. */
  void add(long deliveries) {
    VALUE.setRelease(this, value + deliveries);
  }

  long get() {
    return (long) VALUE.getAcquire(this);
  }
}
