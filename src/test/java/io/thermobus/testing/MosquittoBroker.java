package io.thermobus.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto} on a free loopback port with a generated configuration: the listener on
 * 127.0.0.1 only, no persistence, anonymous clients or a password file made with
 * {@code mosquitto_passwd}. It can be killed and started again on the same port. Without Mosquitto a
 * test is skipped on a developer's machine and fails in CI ({@code CI=true}).
 */
public final class MosquittoBroker implements AutoCloseable {

  public static final Path BROKER = Path.of("/usr/sbin/mosquitto");
  public static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

  private final Path directory;
  private final Path configFile;
  private final int port;
  private final boolean tls;
  private Process process;
  private final List<String> log = new ArrayList<>();

  private MosquittoBroker(Path directory, Path configFile, int port, boolean tls) {
    this.directory = directory;
    this.configFile = configFile;
    this.port = port;
    this.tls = tls;
  }

  /** Skips the calling test (or fails it in CI) when Mosquitto is not installed. */
  public static void assumeInstalled() {
    DebianPackage.assumeInstalled("mosquitto", BROKER, PASSWD);
  }

  /** A broker that lets anonymous clients in. */
  public static MosquittoBroker start() throws IOException {
    return start(Map.of());
  }

  /** A broker that admits only {@code users} (name to password) when there are any, else anyone. */
  public static MosquittoBroker start(Map<String, String> users) throws IOException {
    return start(users, "");
  }

  /** A broker that speaks only TLS, with the PEM certificate and key given; {@link #url()} is then {@code mqtts://localhost:PORT}. */
  public static MosquittoBroker startTls(Path certificate, Path key) throws IOException {
    return start(Map.of(), "certfile " + certificate + "\nkeyfile " + key + "\n");
  }

  private static MosquittoBroker start(Map<String, String> users, String listenerOptions) throws IOException {
    assumeInstalled();
    Path directory = Files.createTempDirectory("thermobus-mosquitto-");
    int port = freePort();
    StringBuilder config = new StringBuilder()
        .append("listener ").append(port).append(" 127.0.0.1\n")
        .append(listenerOptions)
        .append("persistence false\n")
        // Run as root, mosquitto would become user 'mosquitto' and lose access to the private temporary directory.
        .append("user ").append(System.getProperty("user.name")).append('\n')
        .append("log_dest stderr\n")
        .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
    if (users.isEmpty()) {
      config.append("allow_anonymous true\n");
    } else {
      Path passwords = directory.resolve("passwords");
      for (Map.Entry<String, String> user : users.entrySet()) {
        List<String> command = new ArrayList<>(List.of(PASSWD.toString()));
        if (!Files.exists(passwords)) {
          command.add("-c");
        }
        command.addAll(List.of("-b", passwords.toString(), user.getKey(), user.getValue()));
        run(command);
      }
      config.append("allow_anonymous false\n").append("password_file ").append(passwords).append('\n');
    }
    Path configFile = directory.resolve("mosquitto.conf");
    Files.writeString(configFile, config);
    MosquittoBroker broker = new MosquittoBroker(directory, configFile, port, !listenerOptions.isEmpty());
    try {
      broker.launch();
    } catch (RuntimeException e) {
      broker.kill();
      DebianPackage.deleteTree(directory);
      throw e;
    }
    return broker;
  }

  public int port() {
    return port;
  }

  /** {@code mqtt://127.0.0.1:PORT}, as Thermobus's {@code mqttUrl} takes it; with TLS, the name its certificate is for. */
  public String url() {
    return tls ? "mqtts://localhost:" + port : "mqtt://127.0.0.1:" + port;
  }

  /** Ends the broker at once (SIGKILL): clients see their connection drop, as when a broker crashes. */
  public void kill() {
    if (process != null) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Freezes the broker (SIGSTOP): connections stay open but nothing is read or acknowledged, as on a hung host. */
  public void freeze() throws IOException, InterruptedException {
    Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start();
    if (!stop.waitFor(10, TimeUnit.SECONDS) || stop.exitValue() != 0) {
      throw new IOException("could not stop mosquitto " + process.pid());
    }
  }

  /** Starts the broker again on the same port, after {@link #kill()}. */
  public void restart() throws IOException {
    if (process != null) {
      throw new IllegalStateException("the broker is running");
    }
    launch();
  }

  /** What the broker logged, for failure messages. */
  public synchronized String log() {
    return String.join("\n", log);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
    DebianPackage.deleteTree(directory);
  }

  private void launch() throws IOException {
    Process started = new ProcessBuilder(BROKER.toString(), "-c", configFile.toString()).redirectErrorStream(true).start();
    process = started;
    Thread pump = new Thread(() -> {
      try (var reader = started.inputReader()) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (this) {
            log.add(line);
          }
        }
      } catch (IOException ignored) {
        // the broker ended
      }
    }, "mosquitto-log");
    pump.setDaemon(true);
    pump.start();
    // A port freed a moment ago by a killed broker may be taken by the restarted one a little later.
    await("mosquitto accepting on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          if (!started.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + started.exitValue() + ": " + log());
          }
          return accepting();
        });
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(List<String> command) throws IOException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
