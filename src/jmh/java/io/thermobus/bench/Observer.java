package io.thermobus.bench;

/**
 * One subscriber's view, identical for every contender: a delivery is one event observed by one
 * subscriber, which reads the event's seq and checks it follows the previous one. Owned by the
 * thread that delivers to this subscriber.
 */
final class Observer {

  private long lastSeq;
  private long count;

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
