package io.thermobus.load;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The results as Markdown tables, with thermobus-to-bridge ratios where both ran the same load. */
final class Report {

  private Report() {}

  static String tables(List<LoadHarness.Result> results, int seconds, int rate) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "## Streams (%d s of publishing per run, %d event/s per zone; every client reads one zone)%n%n", seconds, rate));
    out.append("| run | K | events | frames/s | p50 ms | p99 ms | p99.9 ms | max ms | CPU µs/frame | above idle µs/frame | RSS MB | RSS growth in run MB | heap after last GC MB | RSS/conn KB | lost | dup | coalesced | lagged | PUT desired p50/p99 ms | its frame at the clients p50/p99 ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (LoadHarness.Result r : results) {
      Histogram h = r.latency();
      String put = r.putDesired().getTotalCount() == 0 ? "" : String.format(Locale.ROOT, "%.1f / %.1f",
          r.putDesired().getValueAtPercentile(50) / 1000.0, r.putDesired().getValueAtPercentile(99) / 1000.0);
      String frame = r.desiredFrames().getTotalCount() == 0 ? "" : String.format(Locale.ROOT, "%.1f / %.1f",
          ms(r.desiredFrames(), 50), ms(r.desiredFrames(), 99));
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %s | %.1f | %d | %d | %d | %d | %s | %s |%n",
          r.name(), r.k(), r.published(), r.framesPerSecond(), ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
          r.cpuMicrosPerFrame(), r.marginalCpuMicrosPerFrame(), r.rssEndBytes() / 1e6, (r.rssEndBytes() - r.rssConnectedBytes()) / 1e6, liveHeap(r), r.rssPerConnectionBytes() / 1024, r.lost(), r.duplicates(), r.coalesced(),
          r.lagged(), put, frame));
    }
    out.append("\n## Ratios, thermobus / SockJS bridge, same K and zones (frames/s above 1 and p99 below 1 favour thermobus)\n\n");
    out.append("| K | zones | slow | frames/s ratio | p99 ratio | RSS ratio | heap after GC ratio |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LoadHarness.Result ours : results) {
      if (ours.kind() != Clients.Kind.WS) {
        continue;
      }
      for (LoadHarness.Result bridge : results) {
        if (bridge.kind() == Clients.Kind.BRIDGE && bridge.k() == ours.k() && bridge.zones() == ours.zones() && bridge.slow() == ours.slow()) {
          String heapRatio = ours.liveHeapBytes() < 0 || bridge.liveHeapBytes() <= 0 ? "no GC yet"
              : String.format(Locale.ROOT, "%.2f", ours.liveHeapBytes() / (double) bridge.liveHeapBytes());
          out.append(String.format(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f | %.2f | %s |%n", ours.k(), ours.zones(), ours.slow(),
              ours.framesPerSecond() / bridge.framesPerSecond(), ms(ours.latency(), 99) / Math.max(0.001, ms(bridge.latency(), 99)),
              ours.rssEndBytes() / (double) bridge.rssEndBytes(), heapRatio));
        }
      }
    }
    out.append('\n');
    return out.toString();
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The server's heap after its last collection, or "no GC yet" when it had not collected by the end of the run. */
  private static String liveHeap(LoadHarness.Result r) {
    return r.liveHeapBytes() < 0 ? "no GC yet" : String.format(Locale.ROOT, "%.0f", r.liveHeapBytes() / 1e6);
  }
}
