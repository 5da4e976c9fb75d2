package io.thermobus.stream;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the browser streams, shown by bus introspection and the dashboard's bus panel.
 * One per web verticle; updated on the connections' event loops and read from any thread.
 */
public final class StreamStats {

  private final AtomicLong open = new AtomicLong();
  private final LongAdder opened = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final LongAdder stalled = new LongAdder();

  void connected() {
    open.incrementAndGet();
    opened.increment();
  }

  void disconnected() {
    open.decrementAndGet();
  }

  void sent() {
    frames.increment();
  }

  void stalled() {
    stalled.increment();
  }

  void coalesced(int replaced) {
    coalesced.add(replaced);
  }

  /** Frames left out because a slow client got a later frame of the same zone and topic instead. */
  public long coalescedFrames() {
    return coalesced.sum();
  }

  public long openConnections() {
    return open.get();
  }

  /** {@code {"open","opened","frames","coalesced","stalled"}}: stalled counts clients closed for not reading. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("open", open.get())
        .put("opened", opened.sum())
        .put("frames", frames.sum())
        .put("coalesced", coalesced.sum())
        .put("stalled", stalled.sum());
  }
}
