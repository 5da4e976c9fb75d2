package io.thermobus.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.remote.BusJson;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The wire forms of recent envelopes, encoded once by the first connection that sends one and then
 * written as the same bytes by every other: connections on one event loop, or on several, read
 * the same slot. Bounded by its slot count ({@value #SLOTS} envelopes, each frame at most a
 * request body plus its envelope); an envelope that has left its slot (a slow client resuming far
 * behind) is encoded again, which is only a cost, never a different frame.
 *
 * <p>Thread-safe: a slot holds an immutable {@link Frame} stored with release and loaded with
 * acquire, so a frame found in a slot is complete. Two connections that miss at once both
 * encode; either result is right.
 */
public final class EncodedFrames {

  static final int SLOTS = 256;

  /** Text frame, final fragment (RFC 6455 §5.2: FIN, opcode 1). */
  private static final int FINAL_TEXT_FRAME = 0x81;

  /**
   * One delivery's bytes on each transport, whole, as they go on the wire, in native memory, so
   * that a socket write sends them as they are instead of copying them first. Shared by every
   * connection, never written: a connection writes a {@link ByteBuf#retainedDuplicate retained
   * duplicate}, and the memory belongs to the garbage collector, so these buffers are never
   * released.
   *
   * @param webSocket   the frame's JSON as one WebSocket text frame, header included, as a server
   *                    sends it (unmasked, uncompressed)
   * @param eventStream the same frame as a Server-Sent Event, {@code id:} then {@code data:}, as one
   *                    chunk of a chunked HTTP/1.1 response body
   */
  public record Frame(ByteBuf webSocket, ByteBuf eventStream) {}

  private record Slot(Envelope<JsonObject> envelope, Frame frame) {}

  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

  /** The envelope's frame, from the slot its seq maps to when that slot holds this very envelope. */
  Frame of(Envelope<JsonObject> envelope) {
    int index = (int) (envelope.seq() & (SLOTS - 1));
    Slot slot = slots.getAcquire(index);
    if (slot != null && slot.envelope() == envelope) {
      return slot.frame();
    }
    Frame frame = encode(envelope.seq(), BusJson.envelope(envelope));
    slots.setRelease(index, new Slot(envelope, frame));
    return frame;
  }

  /**
   * A frame for one connection only (a lag marker, a coalesced envelope).
   *
   * @param resumeFrom the bus seq a client resumes after, once it has this frame
   */
  static Frame encode(long resumeFrom, JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return new Frame(webSocketFrame(json), eventStreamChunk(resumeFrom, json));
  }

  /** The header is 2 bytes for a payload under 126 bytes, else 4 up to 65,535, else 10 (RFC 6455 §5.2). */
  private static ByteBuf webSocketFrame(byte[] payload) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
    frame.put((byte) FINAL_TEXT_FRAME);
    if (length < 126) {
      frame.put((byte) length);
    } else if (length <= 0xFFFF) {
      frame.put((byte) 126).putShort((short) length);
    } else {
      frame.put((byte) 127).putLong(length);
    }
    frame.put(payload).flip();
    return Unpooled.wrappedBuffer(frame);
  }

  /** The chunk's size in hex, CRLF, the event, CRLF (RFC 9112 §7.1). */
  private static ByteBuf eventStreamChunk(long resumeFrom, byte[] json) {
    byte[] event = ("id: " + resumeFrom + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
    int size = event.length + json.length + 2;
    byte[] chunkSize = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer chunk = ByteBuffer.allocateDirect(chunkSize.length + size + 2);
    chunk.put(chunkSize).put(event).put(json).put((byte) '\n').put((byte) '\n').put((byte) '\r').put((byte) '\n').flip();
    return Unpooled.wrappedBuffer(chunk);
  }
}
