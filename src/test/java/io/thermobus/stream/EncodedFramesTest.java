package io.thermobus.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.thermobus.bus.Envelope;
import io.thermobus.bus.remote.BusJson;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EncodedFramesTest {

  private final EncodedFrames frames = new EncodedFrames();

  private static Envelope<JsonObject> envelope(long seq) {
    return new Envelope<>(seq, "custom", "living", Instant.parse("2026-01-01T00:00:00Z"), new JsonObject().put("n", seq));
  }

  @Test
  void shouldEncodeAnEnvelopeOnceForEveryConnection() {
    Envelope<JsonObject> e = envelope(7);
    assertSame(frames.of(e), frames.of(e));
  }

  @Test
  void shouldWriteTheEnvelopeAsJsonAndAsAnEventResumingAfterItsSeq() {
    Envelope<JsonObject> e = envelope(7);
    EncodedFrames.Frame frame = frames.of(e);
    assertEquals(BusJson.envelope(e), new JsonObject(frame.json()));
    assertEquals("id: 7\ndata: " + BusJson.envelope(e).encode() + "\n\n", frame.eventStream().toString());
  }

  @Test
  void shouldNotServeAnotherEnvelopeThatMapsToTheSameSlot() {
    Envelope<JsonObject> first = envelope(3);
    Envelope<JsonObject> sameSlot = envelope(3 + EncodedFrames.SLOTS);
    Envelope<JsonObject> sameSeqOtherBus = envelope(3);
    EncodedFrames.Frame kept = frames.of(first);
    assertEquals(sameSlot.seq(), new JsonObject(frames.of(sameSlot).json()).getLong("seq"));
    assertNotSame(kept, frames.of(first));
    assertNotSame(frames.of(first), frames.of(sameSeqOtherBus));
  }
}
