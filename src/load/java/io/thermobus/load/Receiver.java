package io.thermobus.load;

import io.vertx.core.json.JsonObject;
import java.util.BitSet;
import org.HdrHistogram.Recorder;

/**
 * What one client received: frames, the events coalesced into them, lag markers, events it saw
 * twice or out of order; each frame's latency goes to the shared recorder (fast clients only).
 * Runs on its client's event loop; read by the harness once the run is over.
 */
final class Receiver {

  final String zone;
  final boolean slow;
  private final Recorder latency;
  private final Recorder desiredFrames;
  private final java.util.function.LongSupplier lastPut;
  volatile long frames;
  volatile long coalesced;
  volatile long lagged;
  volatile long duplicates;
  /** The highest {@code n} received; events may arrive out of {@code n} order, as the publisher sends them on several connections. */
  volatile long lastN = -1;
  private final BitSet seen = new BitSet();

  /** @param lastPut when the harness last sent {@code PUT desired} ({@code System.nanoTime}), 0 before the first */
  Receiver(String zone, boolean slow, Recorder latency, Recorder desiredFrames, java.util.function.LongSupplier lastPut) {
    this.zone = zone;
    this.slow = slow;
    this.latency = latency;
    this.desiredFrames = desiredFrames;
    this.lastPut = lastPut;
  }

  void receive(String text) {
    long now = System.nanoTime();
    JsonObject frame = new JsonObject(text);
    if (frame.containsKey("lagged")) {
      lagged += frame.getLong("lagged");
      return;
    }
    if ("desired".equals(frame.getString("topic"))) {
      long put = lastPut.getAsLong();
      if (put != 0 && !slow) {
        desiredFrames.recordValue(Math.max(0, now - put) / 1000);
      }
      return;
    }
    JsonObject data = frame.getJsonObject("data", frame.getJsonObject("body"));
    if (data == null || !data.containsKey("t")) {
      return; // hello, pong
    }
    int n = data.getInteger("n");
    if (seen.get(n)) {
      duplicates++;
      return;
    }
    seen.set(n);
    lastN = Math.max(lastN, n);
    frames++;
    coalesced += frame.getLong("coalesced", 0L);
    if (!slow) {
      latency.recordValue(Math.max(0, now - data.getLong("t")) / 1000);
    }
  }
}
