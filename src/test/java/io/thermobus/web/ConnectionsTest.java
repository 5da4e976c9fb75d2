package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection slots: freed however a connection ends, timeouts for idle and slow clients, idle ones giving way, no h2c. */
class ConnectionsTest {

  private Vertx vertx;
  private RunningService service;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (service != null) {
      service.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private void start(JsonObject overrides) throws Exception {
    vertx = Vertx.vertx();
    service = RunningService.start(vertx, overrides.put("timeScale", 0.01));
  }

  @Test
  void shouldConnectThe257thWebSocketAfter256ClosedOnesHoweverTheyClosed() throws Exception {
    start(new JsonObject());
    WebSocketClient client = vertx.createWebSocketClient();
    for (int i = 0; i < 256; i++) {
      switch (i % 3) {
        case 0 -> socket(client).close().await(10, TimeUnit.SECONDS);
        case 1 -> {
          try (RawWebSocket raw = RawWebSocket.open(service.port())) {
            assertThat(raw.handshakeStatus).contains(" 101 ");
          }
        }
        default -> {
          // An input message over wsMaxMessageBytes: the server closes this one.
          try (RawWebSocket raw = RawWebSocket.open(service.port())) {
            raw.sendText("x".repeat(5000));
            raw.awaitCloseCode();
          }
        }
      }
    }
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      socket(client).close().await(10, TimeUnit.SECONDS);
      return true;
    });
    assertThat(service.client.get("/health/live").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerANewClientWhile257IdleKeepAliveConnectionsAreOpen() throws Exception {
    start(new JsonObject());
    for (int i = 0; i < 257; i++) {
      Socket socket = keepAliveRequest("/health/live");
      assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 200");
    }
    assertThat(service.client.get("/api/zones").send().await(10, TimeUnit.SECONDS).statusCode())
        .as("the longest-idle keep-alive gave up its slot").isEqualTo(200);
  }

  @Test
  void shouldStillRefuseANewConnectionWhenEveryOneIsBusy() throws Exception {
    start(new JsonObject().put("maxConnections", 2));
    for (int i = 0; i < 2; i++) {
      Socket stream = keepAliveRequest("/api/events");
      assertThat(readResponseHead(stream)).startsWith("HTTP/1.1 200");
    }
    Socket third = keepAliveRequest("/health/live");
    String head = readResponseHead(third);
    assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("application/problem+json").containsIgnoringCase("Retry-After")
        .containsIgnoringCase("Content-Security-Policy: default-src").containsIgnoringCase("X-Frame-Options: DENY");
    assertClosedByServer(third);
  }

  @Test
  void shouldCloseAnIdleKeepAliveConnectionButNotLongLivedStreams() throws Exception {
    start(new JsonObject().put("idleTimeoutMs", 300).put("requestHeaderTimeoutMs", 300));
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse events = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(service.port()).setURI("/api/events")).compose(request -> request.send()).await(10, TimeUnit.SECONDS);
    assertThat(events.statusCode()).isEqualTo(200);
    AtomicBoolean eventsClosed = new AtomicBoolean();
    events.request().connection().closeHandler(closed -> eventsClosed.set(true));
    WebSocket webSocket = socket(vertx.createWebSocketClient());
    Socket idle = keepAliveRequest("/health/live");
    assertThat(readResponseHead(idle)).startsWith("HTTP/1.1 200");
    assertClosedByServer(idle);
    assertThat(webSocket.isClosed()).as("a WebSocket is never idle").isFalse();
    assertThat(eventsClosed.get()).as("an event stream is a request in flight").isFalse();
  }

  @Test
  void shouldCloseAConnectionThatDoesNotFinishItsHeaders() throws Exception {
    start(new JsonObject().put("requestHeaderTimeoutMs", 300));
    Socket slow = new Socket("127.0.0.1", service.port());
    sockets.add(slow);
    slow.setSoTimeout(20_000);
    slow.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
    slow.getOutputStream().flush();
    assertClosedByServer(slow);
    Socket silent = new Socket("127.0.0.1", service.port());
    sockets.add(silent);
    silent.setSoTimeout(20_000);
    assertClosedByServer(silent);
  }

  @Test
  void shouldNotSpeakHttp2OverCleartext() throws Exception {
    start(new JsonObject().put("maxConnections", 1));
    Socket preface = new Socket("127.0.0.1", service.port());
    sockets.add(preface);
    preface.setSoTimeout(20_000);
    preface.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    // An HTTP/2 server answers the preface with a binary SETTINGS frame; an HTTP/1.1 one refuses the line.
    assertThat(readResponseHead(preface)).as("an HTTP/1 refusal, not an HTTP/2 frame").matches("(?s)HTTP/\\d\\.\\d [45]\\d\\d .*");
    preface.close();

    Socket upgrade = new Socket("127.0.0.1", service.port());
    sockets.add(upgrade);
    upgrade.setSoTimeout(20_000);
    upgrade.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(readResponseHead(upgrade)).as("no switch to HTTP/2").startsWith("HTTP/1.1 200");
  }

  private WebSocket socket(WebSocketClient client) throws Exception {
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(service.port()).setURI("/api/ws"))
        .await(10, TimeUnit.SECONDS);
  }

  private Socket keepAliveRequest(String path) throws IOException {
    Socket socket = new Socket("127.0.0.1", service.port());
    sockets.add(socket);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static String readResponseHead(Socket socket) throws IOException {
    return RawWebSocket.readHead(socket.getInputStream());
  }

  /** Reads whatever is left until the server closes; a read timeout (20 s) fails the test. */
  private static void assertClosedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    int read;
    try {
      do {
        read = in.read(buffer);
      } while (read >= 0);
    } catch (SocketException reset) {
      // Closed with a reset: closed all the same.
    }
  }
}
