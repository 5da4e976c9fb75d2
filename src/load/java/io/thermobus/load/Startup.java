package io.thermobus.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Start-up of the jar: time from {@code java -jar} to /health/ready, heap and RSS once ready, plain and with an AppCDS archive. */
final class Startup {

  private static final int RUNS = 3;

  private Startup() {}

  static String measure(Path jar, String cpu, Map<String, String> config) throws Exception {
    Path archive = jar.resolveSibling("thermobus-load.jsa");
    Files.deleteIfExists(archive);
    StringBuilder out = new StringBuilder("## Start-up\n\n");
    out.append(String.format(Locale.ROOT, "jar: %.1f MB; lib/ beside it, needed in cluster mode only: %.1f MB%n%n", Files.size(jar) / 1e6,
        directorySize(jar.resolveSibling("lib")) / 1e6));
    out.append("| JVM flags | ready (ms), best of ").append(RUNS).append(" | heap used (MB) | RSS (MB) |\n|---|---:|---:|---:|\n");
    out.append(row("(none)", jar, cpu, config, List.of()));
    // One run that writes the archive of the classes it loaded on its way to ready.
    try (Target training = Target.thermobus(jar, cpu, config, List.of("-XX:ArchiveClassesAtExit=" + archive), Path.of("/dev/null"))) {
      training.readyNanos(); // the archive is written when it exits
    }
    out.append(row("-XX:SharedArchiveFile (AppCDS)", jar, cpu, config, List.of("-XX:SharedArchiveFile=" + archive)));
    out.append(row("AppCDS + -XX:TieredStopAtLevel=1", jar, cpu, config, List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1")));
    out.append('\n');
    System.out.print(out);
    return out.toString();
  }

  private static String row(String name, Path jar, String cpu, Map<String, String> config, List<String> flags) throws Exception {
    long best = Long.MAX_VALUE;
    double heap = 0;
    double rss = 0;
    for (int i = 0; i < RUNS; i++) {
      try (Target service = Target.thermobus(jar, cpu, config, flags, Path.of("/dev/null"))) {
        if (service.readyNanos() < best) {
          best = service.readyNanos();
          rss = service.rssBytes() / 1e6;
          heap = heapUsed(service.port) / 1e6;
        }
      }
    }
    return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", name, best / 1_000_000, heap, rss);
  }

  private static long directorySize(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      long size = 0;
      for (Path file : files.toList()) {
        size += Files.size(file);
      }
      return size;
    }
  }

  private static double heapUsed(int port) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
