package io.thermobus.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.remote.BusJson;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodedFramesTest {

  private final EncodedFrames frames = new EncodedFrames();

  private static Envelope<JsonObject> envelope(long seq) {
    return new Envelope<>(seq, "custom", "living", Instant.parse("2026-01-01T00:00:00Z"), new JsonObject().put("n", seq));
  }

  /** The payload of a final, unmasked text frame, checking its header on the way (RFC 6455 §5.2). */
  private static String webSocketPayload(EncodedFrames.Frame frame) {
    ByteBuf bytes = frame.webSocket().duplicate();
    assertEquals(0x81, bytes.readUnsignedByte(), "FIN and text opcode");
    int length = bytes.readUnsignedByte();
    assertEquals(0, length & 0x80, "a server's frame is not masked");
    long payload = length == 126 ? bytes.readUnsignedShort() : length == 127 ? bytes.readLong() : length;
    assertEquals(payload, bytes.readableBytes());
    return text(bytes);
  }

  /** Reads a view and releases it, as a socket write does. */
  private static String text(ByteBuf shared) {
    ByteBuf view = shared.retainedDuplicate();
    String text = view.toString(StandardCharsets.UTF_8);
    view.release();
    return text;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 125, 126, 1000, 65_535, 65_536, 200_000})
  void shouldFrameAPayloadOfEveryLengthWithTheHeaderItsLengthNeeds(int padding) {
    Envelope<JsonObject> e = new Envelope<>(9, "custom", "living", Instant.parse("2026-01-01T00:00:00Z"),
        new JsonObject().put("pad", "x".repeat(padding)));
    EncodedFrames.Frame frame = frames.of(e);
    assertEquals(BusJson.envelope(e), new JsonObject(webSocketPayload(frame)));
    assertEquals(BusJson.envelope(e), new JsonObject(webSocketPayload(frame)), "writing a view leaves the shared frame as it was");
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
    assertEquals(BusJson.envelope(e), new JsonObject(webSocketPayload(frame)));
    String event = "id: 7\ndata: " + BusJson.envelope(e).encode() + "\n\n";
    assertEquals(Integer.toHexString(event.length()) + "\r\n" + event + "\r\n", text(frame.eventStream()), "one chunk of a chunked body");
  }

  @Test
  void shouldNotServeAnotherEnvelopeThatMapsToTheSameSlot() {
    Envelope<JsonObject> first = envelope(3);
    Envelope<JsonObject> sameSlot = envelope(3 + EncodedFrames.SLOTS);
    Envelope<JsonObject> sameSeqOtherBus = envelope(3);
    EncodedFrames.Frame kept = frames.of(first);
    assertEquals(sameSlot.seq(), new JsonObject(webSocketPayload(frames.of(sameSlot))).getLong("seq"));
    assertNotSame(kept, frames.of(first));
    assertNotSame(frames.of(first), frames.of(sameSeqOtherBus));
  }
}
