package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket frames no browser sends: each is refused the way RFC 6455 says, and floods are held back. */
class WebSocketProtocolTest {

  private static final int FIN = 0x80;
  private static final int RSV1 = 0x40;

  private static Vertx vertx;
  private static RunningService service;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, new JsonObject().put("timeScale", 0.01));
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCloseWith1007OnATextFrameThatIsNotUtf8() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(service.port())) {
      socket.send(FIN, RawWebSocket.TEXT, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
      assertThat(socket.awaitCloseCode()).isEqualTo(1007);
    }
  }

  @Test
  void shouldCloseWith1002OnReservedBitsWithoutAnExtension() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(service.port())) {
      socket.send(FIN | RSV1, RawWebSocket.TEXT, "{}".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.awaitCloseCode()).isEqualTo(1002);
    }
  }

  @Test
  void shouldCloseWith1009OnAMessageOverTheLimitSentAsFragments() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(service.port())) {
      byte[] half = "x".repeat(3000).getBytes(StandardCharsets.US_ASCII);
      socket.send(0, RawWebSocket.TEXT, half);
      socket.send(FIN, RawWebSocket.CONTINUATION, half);
      assertThat(socket.awaitCloseCode()).isEqualTo(1009);
    }
  }

  @Test
  void shouldStopReadingPingsFromAClientThatNeverReadsThePongs() throws Exception {
    long flood = 32L * 1024 * 1024;
    long sent = 0;
    try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      channel.connect(new InetSocketAddress("127.0.0.1", service.port()));
      handshake(channel);
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_WRITE);
      byte[] ping = RawWebSocket.frame(FIN, RawWebSocket.PING, new byte[125]);
      ByteBuffer pings = ByteBuffer.allocate(ping.length * 512);
      while (pings.hasRemaining()) {
        pings.put(ping);
      }
      pings.flip();
      try {
        // Until the server stops taking bytes (the socket stays unwritable for 10 s) or closes.
        while (sent < flood && selector.select(10_000) > 0) {
          selector.selectedKeys().clear();
          if (!pings.hasRemaining()) {
            pings.rewind();
          }
          sent += channel.write(pings);
        }
      } catch (IOException closed) {
        // The server closed the connection: also bounded.
      }
    }
    assertThat(sent).as("bytes of pings the server took from a client that reads nothing").isLessThan(flood);
    assertThat(service.client.get("/health/live").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  private static void handshake(SocketChannel channel) throws IOException {
    String key = "MDEyMzQ1Njc4OWFiY2RlZg==";
    channel.write(ByteBuffer.wrap(("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:" + service.port() + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII)));
    assertThat(RawWebSocket.readHead(channel.socket().getInputStream())).startsWith("HTTP/1.1 101");
  }
}
