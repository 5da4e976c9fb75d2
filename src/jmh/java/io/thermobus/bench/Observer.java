package io.thermobus.bench;

/**
 * One subscriber's view, identical for every contender: a delivery is one event observed by one
 * subscriber, which reads the event's seq and checks it follows the previous one. Owned by the
 * thread that delivers to this subscriber. Padded: it is written for every delivery, and must
 * not share a cache line with whatever the publisher reads (the Disruptor pads its own
 * structures the same way).
 */
final class Observer extends ObserverFields {

  @SuppressWarnings("unused")
  private long q1, q2, q3, q4, q5, q6, q7, q8;

  void observe(long seq) {
    if (seq <= lastSeq) {
      throw new IllegalStateException("seq " + seq + " after " + lastSeq);
    }
    lastSeq = seq;
    count++;
  }

  /** Called after the consumers stopped: every published event must have been observed once. */
  void verify(long published) {
    if (count != published || lastSeq != published) {
      throw new IllegalStateException("observed " + count + " events up to seq " + lastSeq + ", published " + published);
    }
  }
}

@SuppressWarnings("unused")
abstract class ObserverLhsPadding {
  private long p1, p2, p3, p4, p5, p6, p7, p8;
}

abstract class ObserverFields extends ObserverLhsPadding {
  long lastSeq;
  long count;
}
