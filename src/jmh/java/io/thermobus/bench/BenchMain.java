package io.thermobus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one command: runs the fan-out benchmarks (JMH, with the GC profiler) and the retained
 * memory measurement, then prints the results table as Markdown and writes it to
 * {@code target/benchmarks-table.md}. JMH options given on the command line override the
 * bounded defaults ({@code -f 1 -wi 2 -w 2s -i 5 -r 2s -prof gc}); without an include pattern it
 * runs every contender with timestamps, then the Disruptor's one-thread configuration once more
 * without them.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    String loadBefore = loadAverage();
    List<RunResult> results = new ArrayList<>();
    if (cli.getIncludes().isEmpty()) {
      String fanOut = FanOutBenchmark.class.getPackageName() + "\\..*FanOut\\.fanOut";
      results.addAll(new Runner(defaults(cli).include(fanOut).param("stamp", "true").build()).run());
      results.addAll(new Runner(defaults(cli).include(DisruptorFanOut.class.getSimpleName())
          .param("handlers", "oneThread").param("stamp", "false").build()).run());
    } else {
      results.addAll(new Runner(defaults(cli).build()).run());
    }
    String loadAfter = loadAverage();

    List<String> retained = new ArrayList<>();
    for (String contender : List.of("bus", "chapter")) {
      for (int subscribers : List.of(1, 64)) {
        retained.add(String.format(Locale.ROOT, "| %s | %d | %.1f |", label(contender), subscribers,
            retainedBytesPerEvent(contender, subscribers)));
      }
    }

    String table = table(results)
        + "\nLoad average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + ".\n"
        + "\nRetained heap per event (" + RetainedMemory.EVENTS
        + " events retained, subscribers reading none; includes envelope and 16 B payload):\n\n"
        + "| contender | subscribers | retained bytes/event |\n|---|---:|---:|\n"
        + String.join("\n", retained) + "\n";
    System.out.println();
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/benchmarks-table.md"), table);
  }

  private static ChainedOptionsBuilder defaults(CommandLineOptions cli) {
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (!cli.getForkCount().hasValue()) {
      options.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      options.warmupIterations(2);
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      options.measurementIterations(5);
    }
    if (!cli.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(2));
    }
    if (!cli.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(2));
    }
    if (cli.getProfilers().isEmpty()) {
      options.addProfiler(GCProfiler.class);
    }
    return options;
  }

  private static String table(Collection<RunResult> results) {
    StringBuilder out = new StringBuilder(
        "| contender | subscribers | events/s | deliveries/s | deliveries/s, min–max | allocated B/delivery |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> {
      int bySubs = Integer.compare(subscribers(a), subscribers(b));
      return bySubs != 0 ? bySubs : name(a).compareTo(name(b));
    });
    for (RunResult r : sorted) {
      int n = subscribers(r);
      List<Double> scores = new ArrayList<>();
      r.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(i -> scores.add(i.getPrimaryResult().getScore())));
      Collections.sort(scores);
      double median = scores.size() % 2 == 1 ? scores.get(scores.size() / 2)
          : (scores.get(scores.size() / 2 - 1) + scores.get(scores.size() / 2)) / 2;
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s–%s | %s |%n", name(r), n,
          millions(median), millions(median * n), millions(scores.get(0) * n), millions(scores.get(scores.size() - 1) * n),
          alloc == null ? "n/a" : String.format(Locale.ROOT, "%.1f", alloc.getScore() / n)));
    }
    return out.append("\nevents/s and deliveries/s are medians of the measurement iterations; "
        + "M = millions. One delivery = one event observed by one subscriber.\n").toString();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException unavailable) {
      return "n/a";
    }
  }

  private static int subscribers(RunResult r) {
    return Integer.parseInt(r.getParams().getParam("subscribers"));
  }

  private static String name(RunResult r) {
    String benchmark = r.getParams().getBenchmark();
    String simple = benchmark.substring(0, benchmark.lastIndexOf('.'));
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    String handlers = r.getParams().getParam("handlers");
    String stamp = r.getParams().getParam("stamp");
    return label(simple) + (handlers == null ? "" : " (" + handlers + ("false".equals(stamp) ? ", no timestamp" : "") + ")");
  }

  private static String label(String contender) {
    return switch (contender) {
      case "bus" -> "Thermobus SubscriberBus";
      case "SubscriberBusFanOut" -> "Thermobus SubscriberBus (each subscriber drains)";
      case "SubscriberBusGroupFanOut" -> "Thermobus SubscriberBus (drainAll)";
      case "chapter", "ChapterBusFanOut" -> "chapter port (ChapterEventBus)";
      case "VertxEventBusFanOut" -> "Vert.x local event bus";
      case "DisruptorFanOut" -> "LMAX Disruptor";
      default -> contender;
    };
  }

  private static String millions(double perSecond) {
    return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
  }

  /** In a fresh JVM, so that nothing of the JMH run sits in the heap being measured. */
  private static double retainedBytesPerEvent(String contender, int subscribers) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-Xmx4g", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
        RetainedMemory.class.getName(), contender, Integer.toString(subscribers))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("RetainedMemory failed: " + output);
    }
    return Double.parseDouble(output);
  }
}
