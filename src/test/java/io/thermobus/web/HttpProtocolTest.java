package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests a client library would not send, written on a plain socket: each gets the answer HTTP prescribes, as a problem. */
class HttpProtocolTest {

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

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
  void shouldAnswerHeadOnAGetRouteWithoutABody() throws Exception {
    String[] heads = twoHeads("HEAD /api/zones HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(heads[0]).startsWith("HTTP/1.1 200");
    assertThat(heads[1]).as("no body: the next answer follows at once").startsWith("HTTP/1.1 200");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "two Host headers|GET /api/zones HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nHost: evil.example\\r\\n\\r\\n|400",
      "no Host on HTTP/1.1|GET /api/zones HTTP/1.1\\r\\n\\r\\n|400",
      "a rebound name|GET /api/zones HTTP/1.1\\r\\nHost: evil.example\\r\\n\\r\\n|400",
      "a rebound name with a port|GET /api/zones HTTP/1.1\\r\\nHost: evil.example:8080\\r\\n\\r\\n|400",
      "an invented method|BREW /api/zones HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n|501",
      "a header line without a colon|GET /api/zones HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nno colon here\\r\\n\\r\\n|400",
      "a request line over 4 KiB|GET /LONGPATH HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n|414",
      "headers over 8 KiB|GET /api/zones HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-Padding: LONGVALUE\\r\\n\\r\\n|431",
      "a foreign page's upgrade behind a second Upgrade header|GET /api/ws HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nOrigin: https://evil.example\\r\\n"
          + "Upgrade: h2c\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\\r\\n"
          + "Sec-WebSocket-Version: 13\\r\\n\\r\\n|403",
  })
  void shouldAnswerAProblemWithTheBrowserPolicy(String name, String request, int status) throws Exception {
    String answer = exchange(request.replace("\\r\\n", "\r\n")
        .replace("LONGPATH", "a".repeat(5000)).replace("LONGVALUE", "b".repeat(10_000)));
    // A request line too long to read has no version to answer in: Vert.x answers HTTP/1.0.
    assertThat(answer).matches("(?s)HTTP/1\\.[01] " + status + " .*");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).contains("content-type: application/problem+json")
        .contains("content-security-policy: default-src 'self'").contains("x-frame-options: deny")
        .contains("x-content-type-options: nosniff");
    assertThat(answer).contains("\"status\":" + status);
  }

  @Test
  void shouldAnswer400AndCloseOnContentLengthWithTransferEncoding() throws Exception {
    assertAnsweredThenClosed("PUT /api/zones/home/desired HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + RunningService.TOKEN
        + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "f\r\n{\"celsius\": 30}\r\n0\r\n\r\nGET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(service.send(HttpMethod.GET, "/api/zones/home", null, null, null).bodyAsJsonObject()
        .getDouble("desired")).as("the smuggled write changed nothing").isNotEqualTo(30.0);
  }

  @Test
  void shouldAnswer400BeforeClosingOnAMalformedChunkedBody() throws Exception {
    assertAnsweredThenClosed("PUT /api/zones/home/desired HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + RunningService.TOKEN
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
  }

  /** One 400 problem, then the server closes: nothing after the first request is answered. */
  private static void assertAnsweredThenClosed(String requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      String head = RawWebSocket.readHead(in);
      assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("application/problem+json");
      Matcher length = CONTENT_LENGTH.matcher(head);
      assertThat(length.find()).isTrue();
      in.readNBytes(Integer.parseInt(length.group(1)));
      try {
        assertThat(in.read()).as("the connection is closed after the answer").isEqualTo(-1);
      } catch (SocketException reset) {
        // Closed with a reset, the unread body discarded: closed all the same.
      }
    }
  }

  @Test
  void shouldServeTheJarsFilesWhateverLiesInTheWorkingDirectory() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> planted = List.of(cwd.resolve("webroot/index.html"), cwd.resolve("webroot/planted.html"),
        cwd.resolve("openapi.yaml"), cwd.resolve("docs/swagger-initializer.js"));
    for (Path file : planted) {
      assertThat(file).as("left over from elsewhere").doesNotExist();
    }
    try {
      for (Path file : planted) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "planted");
      }
      for (String path : List.of("/", "/index.html", "/openapi.yaml", "/docs/swagger-initializer.js")) {
        HttpResponse<Buffer> served = service.send(HttpMethod.GET, path, null, null, null);
        assertThat(served.statusCode()).as(path).isEqualTo(200);
        assertThat(served.bodyAsString()).as(path).isNotEqualTo("planted");
      }
      assertThat(service.send(HttpMethod.GET, "/planted.html", null, null, null).statusCode()).isEqualTo(404);
    } finally {
      for (Path file : planted) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(cwd.resolve("webroot"));
      Files.deleteIfExists(cwd.resolve("docs"));
    }
  }

  @Test
  void shouldAnswerLoopbackNames() throws Exception {
    for (String host : new String[] {"localhost:" + service.port(), "127.0.0.1", "[::1]:" + service.port(), "app.localhost"}) {
      assertThat(exchange("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\n\r\n")).as(host).startsWith("HTTP/1.1 200");
    }
  }

  /** Writes the request bytes, then reads one answer: its head and the body its Content-Length gives. */
  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String head = RawWebSocket.readHead(in);
      Matcher length = CONTENT_LENGTH.matcher(head);
      byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
      return head + new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Writes the request bytes and reads two answer heads, as a client pipelining requests would. */
  private static String[] twoHeads(String requests) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
      return new String[] {RawWebSocket.readHead(socket.getInputStream()), RawWebSocket.readHead(socket.getInputStream())};
    }
  }
}
