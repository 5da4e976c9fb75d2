package io.thermobus.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A server process under load (Thermobus from its jar, or the SockJS bridge), pinned to its own CPU, and what /proc says of it. */
final class Target implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100;

  final Process process;
  final int port;
  private final Path gcLog;
  private final long readyNanos;

  long readyNanos() {
    return readyNanos;
  }

  private Target(Process process, int port, long readyNanos, Path gcLog) {
    this.process = process;
    this.port = port;
    this.gcLog = gcLog;
    this.readyNanos = readyNanos;
  }

  /** Starts {@code java -jar thermobus.jar} with the configuration in its environment; waits for /health/ready. */
  static Target thermobus(Path jar, String cpu, Map<String, String> config, List<String> jvmFlags, Path log) throws Exception {
    int port = freePort();
    Path gcLog = gcLog(log);
    List<String> command = new java.util.ArrayList<>(List.of("taskset", "-c", cpu, "java", "-Xlog:gc:file=" + gcLog));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(config);
    builder.environment().put("THERMOBUS_PORT", Integer.toString(port));
    return start(builder, port, "/health/ready", gcLog);
  }

  /** Starts the SockJS bridge from this harness's own class path. */
  static Target bridge(String cpu, Path log) throws Exception {
    int port = freePort();
    Path gcLog = gcLog(log);
    ProcessBuilder builder = new ProcessBuilder("taskset", "-c", cpu, "java", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
        BridgeServer.class.getName(), Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
    return start(builder, port, "/ready", gcLog);
  }

  private static Path gcLog(Path log) throws IOException {
    return log.getFileName().toString().equals("null") ? Files.createTempFile("thermobus-gc", ".log") : Path.of(log + ".gc");
  }

  private static Target start(ProcessBuilder builder, int port, String readyPath, Path gcLog) throws Exception {
    long started = System.nanoTime();
    Process process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath)).timeout(Duration.ofSeconds(2)).build();
    long deadline = started + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new Target(process, port, System.nanoTime() - started, gcLog);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.onSpinWait();
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server did not get ready within 120 s: " + builder.command());
  }

  /** User plus system CPU time of the process so far, in nanoseconds. */
  long cpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  /** Resident memory of the process, in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  /**
   * Heap in use after the process's last garbage collection, in bytes: what it still held then,
   * read from its GC log ({@code -Xlog:gc}, which every server here is started with).
   */
  long heapAfterLastGcBytes() throws IOException {
    java.util.regex.Matcher pause = java.util.regex.Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(gcLog));
    long after = -1;
    while (pause.find()) {
      after = Long.parseLong(pause.group(1)) * 1024 * 1024;
    }
    return after;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
