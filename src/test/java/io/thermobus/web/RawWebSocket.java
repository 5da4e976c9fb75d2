package io.thermobus.web;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for frames a well-behaved client library will not send:
 * bad UTF-8, reserved bits, fragments, floods. Frames it sends are masked, as a client's must be.
 */
final class RawWebSocket implements AutoCloseable {

  static final int TEXT = 0x1;
  static final int CONTINUATION = 0x0;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;

  /** A frame read from the server. */
  record Frame(int opcode, byte[] payload) {

    /** The status code of a close frame, or 1005 (none given). */
    int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  final Socket socket;
  final String handshakeStatus;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket, String handshakeStatus, DataInputStream in) throws IOException {
    this.socket = socket;
    this.handshakeStatus = handshakeStatus;
    this.out = socket.getOutputStream();
    this.in = in;
  }

  /** Connects to {@code /api/ws} and completes the handshake; {@code handshakeStatus} is the answer's status line. */
  static RawWebSocket open(int port, String extraHeaders) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    String head = readHead(in);
    return new RawWebSocket(socket, head.substring(0, head.indexOf("\r\n")), in);
  }

  static RawWebSocket open(int port) throws IOException {
    return open(port, "");
  }

  /** Reads up to and including the blank line that ends an HTTP head. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed within the HTTP head: " + head.toString(StandardCharsets.US_ASCII));
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** One frame: {@code flags} are FIN (0x80) and the reserved bits (0x70). */
  static byte[] frame(int flags, int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(flags | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = {1, 2, 3, 4};
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  void send(int flags, int opcode, byte[] payload) throws IOException {
    out.write(frame(flags, opcode, payload));
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(0x80, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame from the server. */
  Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = Math.toIntExact(in.readLong());
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Reads frames until a close frame, and answers it; EOF before one counts as 1006 (abnormal). */
  int awaitCloseCode() throws IOException {
    try {
      while (true) {
        Frame frame = read();
        if (frame.opcode() == CLOSE) {
          return frame.closeCode();
        }
      }
    } catch (EOFException e) {
      return 1006;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
