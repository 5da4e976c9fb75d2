package io.thermobus.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load harness: starts Thermobus from its jar (and the SockJS bridge baseline) on one CPU,
 * drives K WebSocket, SSE and bridge clients from this process (run it on another CPU), over
 * loopback only, for a bounded time per run, and prints and writes the results with the ratios.
 *
 * <pre>taskset -c 1 java -jar target/load-build/thermobus-load.jar --ks=100,1000 --seconds=10</pre>
 *
 * Options: {@code --ks=} client counts, {@code --seconds=} publishing per run (after
 * {@code --warmup-seconds=} of the same publishing, not measured), {@code --rate=}
 * events per second per zone, {@code --runs=one-zone,many-zones,slow}, {@code --kinds=ws,sse,bridge}, {@code --slow-k=},
 * {@code --server-cpu=}, {@code --server-flags=}, {@code --no-startup}, {@code --out=}, {@code --no-rest-probe} (no
 * {@code PUT desired} during Thermobus's runs, so that both servers carry the same load when their p99s are compared).
 */
public final class LoadHarness {

  private static final String TOKEN = "load-harness-token";
  private static final int MANY_ZONES = 50;
  private static final long IDLE_SAMPLE_MILLIS = 2_000;
  /** With slow clients: events this many times as frequent and this large, so that what a server buffers for them shows. */
  private static final int SLOW_RUN_RATE_FACTOR = 50;
  private static final int SLOW_RUN_PAD_BYTES = 2048;
  /** Events per second, over all zones, while a run warms up. */
  private static final int WARMUP_EVENTS_PER_SECOND = 500;
  /** Frames per second, over all clients, while a run warms up: what 5,000 clients at 10 events/s get. */
  private static final int WARMUP_FRAMES_PER_SECOND = 50_000;

  private final Path jar;
  private final String serverCpu;
  private final int seconds;
  private final int warmupSeconds;
  private final int rate;
  private final Path out;
  private final Vertx vertx;
  private final HttpClient publisher;
  private final List<Result> results = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  /** When the last {@code PUT desired} was sent; written by the prober, read by the clients' event loops. */
  private volatile long lastPutNanos;
  /** The start-up table, once measured. */
  private String startup = "";
  /** Extra JVM flags for Thermobus, e.g. a flight recording: {@code --server-flags=-XX:StartFlightRecording=filename=x.jfr}. */
  private final List<String> serverFlags;
  /** Whether Thermobus's runs send {@code PUT desired} every 250 ms, which the bridge has no counterpart for. */
  private final boolean restProbe;
  /** The clients to run ({@code --kinds=}): ws, sse, bridge. */
  private List<String> kinds;

  /** One run's figures. */
  record Result(String name, Clients.Kind kind, int k, int zones, int slow, long published, long frames, double framesPerSecond,
                Histogram latency, double cpuMicrosPerFrame, double marginalCpuMicrosPerFrame, long rssStartBytes, long rssConnectedBytes, long rssEndBytes, double rssPerConnectionBytes,
                long lost, long duplicates, long coalesced, long lagged, Histogram putDesired, long liveHeapBytes,
                Histogram desiredFrames) {}

  private LoadHarness(Map<String, String> args) throws Exception {
    this.jar = Path.of(args.getOrDefault("jar", "target/thermobus.jar"));
    this.serverCpu = args.getOrDefault("server-cpu", "0");
    this.seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
    this.warmupSeconds = Integer.parseInt(args.getOrDefault("warmup-seconds", "4"));
    this.rate = Integer.parseInt(args.getOrDefault("rate", "1"));
    this.serverFlags = args.containsKey("server-flags") ? List.of(args.get("server-flags").split(" ")) : List.of();
    this.restProbe = !args.containsKey("no-rest-probe");
    this.out = Files.createDirectories(Path.of(args.getOrDefault("out", "target/load")));
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    this.publisher = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(16));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    LoadHarness harness = new LoadHarness(args);
    try {
      harness.runAll(args);
    } finally {
      harness.vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void runAll(Map<String, String> args) throws Exception {
    StringBuilder report = new StringBuilder();
    if (!args.containsKey("no-startup")) {
      startup = Startup.measure(jar, serverCpu, config(Files.createTempDirectory("thermobus-load")));
      report.append(startup);
    }
    List<String> only = List.of(args.getOrDefault("runs", "one-zone,many-zones,slow").split(","));
    kinds = List.of(args.getOrDefault("kinds", "ws,sse,bridge").split(","));
    for (String each : args.getOrDefault("ks", "100,1000").split(",")) {
      int k = Integer.parseInt(each.trim());
      if (only.contains("one-zone")) {
        run("thermobus WS, one zone", Clients.Kind.WS, k, 1, 0);
        run("SockJS bridge, one zone", Clients.Kind.BRIDGE, k, 1, 0);
        run("thermobus SSE, one zone", Clients.Kind.SSE, k, 1, 0);
      }
      if (only.contains("many-zones")) {
        run("thermobus WS, " + MANY_ZONES + " zones", Clients.Kind.WS, k, MANY_ZONES, 0);
        run("SockJS bridge, " + MANY_ZONES + " zones", Clients.Kind.BRIDGE, k, MANY_ZONES, 0);
      }
    }
    if (only.contains("slow")) {
      int slowK = Integer.parseInt(args.getOrDefault("slow-k", "1000"));
      run("thermobus WS, 10% slow", Clients.Kind.WS, slowK, 1, slowK / 10);
      run("SockJS bridge, 10% slow", Clients.Kind.BRIDGE, slowK, 1, slowK / 10);
    }
    report.append(Report.tables(results, seconds, rate));
    failures.forEach(failure -> report.append("Failed: ").append(failure).append("\n\n"));
    Files.writeString(out.resolve("results.md"), report);
    Chart.draw(results, out.resolve("p99.png"));
    System.out.println(report);
    System.out.println("wrote " + out.resolve("results.md") + " and " + out.resolve("p99.png"));
  }

  static Map<String, String> config(Path dataDir) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("THERMOBUS_TOKEN", TOKEN);
    config.put("THERMOBUS_DATA_DIR", dataDir.toString());
    config.put("THERMOBUS_MAX_CONNECTIONS", "40000");
    config.put("THERMOBUS_WRITE_RATE", "1000000");
    config.put("THERMOBUS_WRITE_BURST", "1000000");
    config.put("THERMOBUS_IDLE_TIMEOUT_MS", "3600000");
    config.put("THERMOBUS_LOG_LEVEL", "warn");
    return config;
  }

  /** One run; a run that fails (clients that cannot connect in time, a server that dies) is reported and the sweep goes on. */
  private void run(String name, Clients.Kind kind, int k, int zoneCount, int slow) {
    if (!kinds.contains(kind.name().toLowerCase(Locale.ROOT))) {
      return;
    }
    System.out.printf(Locale.ROOT, "%s, K=%d ...%n", name, k);
    try {
      runOnce(name, kind, k, zoneCount, slow);
    } catch (Exception e) {
      System.out.println("  failed: " + e);
      failures.add(name + ", K=" + k + ": " + e);
    }
  }

  private void runOnce(String name, Clients.Kind kind, int k, int zoneCount, int slow) throws Exception {
    List<String> zones = new ArrayList<>();
    for (int z = 0; z < zoneCount; z++) {
      zones.add("z" + z);
    }
    boolean bridge = kind == Clients.Kind.BRIDGE;
    Path log = out.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-") + "-" + k + ".log");
    try (Target server = bridge ? Target.bridge(serverCpu, log)
        : Target.thermobus(jar, serverCpu, config(Files.createTempDirectory("thermobus-load")), serverFlags, log);
         Clients clients = new Clients(vertx, () -> lastPutNanos)) {
      long rssStart = server.rssBytes();
      clients.open(kind, server.port, k, zones, slow);
      pause(1_000);
      long rssConnected = server.rssBytes();
      int padBytes = slow > 0 ? SLOW_RUN_PAD_BYTES : 64;
      int perZone = rate * (slow > 0 ? SLOW_RUN_RATE_FACTOR : 1);
      // At one event a second the publishing path would run interpreted through the whole run:
      // first the same events, faster (at most WARMUP_EVENTS_PER_SECOND, and at most
      // WARMUP_FRAMES_PER_SECOND once fanned out to the clients), so that both sides' code is
      // compiled as in a service that is busy anyway; left out of every figure.
      Map<String, AtomicLong> published = new LinkedHashMap<>();
      zones.forEach(zone -> published.put(zone, new AtomicLong()));
      publish(server.port, bridge, zones, published, warmupSeconds, padBytes,
          Math.max(perZone, Math.min(WARMUP_EVENTS_PER_SECOND / zones.size(), WARMUP_FRAMES_PER_SECOND / k)));
      awaitDelivery(clients, published, 10_000);
      long warmupEvents = published.values().stream().mapToLong(AtomicLong::get).sum();
      long warmupFrames = clients.receivers.stream().mapToLong(r -> r.frames).sum();
      // What the server spends with its clients connected and nothing published (Thermobus's own
      // simulation, sweeps and timers), so that the per-frame figure can leave it out.
      long idleFrom = server.cpuNanos();
      long idleStarted = System.nanoTime();
      pause(IDLE_SAMPLE_MILLIS);
      double idlePerSecond = (server.cpuNanos() - idleFrom) / ((System.nanoTime() - idleStarted) / 1e9);
      clients.latency.reset();
      clients.desiredFrames.reset();
      long cpuBefore = server.cpuNanos();
      long started = System.nanoTime();
      Recorder putDesired = new Recorder(3);
      long prober = bridge || !restProbe ? -1 : vertx.setPeriodic(250, tick -> putDesired(server.port, putDesired));
      publish(server.port, bridge, zones, published, seconds, padBytes, perZone);
      if (prober >= 0) {
        vertx.cancelTimer(prober);
      }
      awaitDelivery(clients, published, 10_000);
      double elapsed = (System.nanoTime() - started) / 1e9;
      long cpu = server.cpuNanos() - cpuBefore;
      long marginalCpu = Math.max(0, cpu - (long) (idlePerSecond * elapsed));
      long rssEnd = server.rssBytes();
      long liveHeap = server.heapAfterLastGcBytes();
      results.add(result(name, kind, k, zoneCount, slow, clients, published, warmupEvents, warmupFrames, elapsed, cpu, marginalCpu,
          rssStart, rssConnected, rssEnd, putDesired.getIntervalHistogram(), liveHeap));
      Result r = results.get(results.size() - 1);
      // Written after every run, so that a sweep stopped part-way keeps what it measured.
      Files.writeString(out.resolve("results.md"), startup + Report.tables(results, seconds, rate));
      System.out.printf(Locale.ROOT, "  p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.0f frames/s, lost %d%n",
          r.latency().getValueAtPercentile(50) / 1000.0, r.latency().getValueAtPercentile(99) / 1000.0,
          r.latency().getMaxValue() / 1000.0, r.framesPerSecond(), r.lost());
    }
  }

  /**
   * Publishes {@code perZone} events per second per zone for {@code seconds}, numbering each
   * zone's events on from its counter in {@code counters}.
   */
  private void publish(int port, boolean bridge, List<String> zones, Map<String, AtomicLong> counters, int seconds,
                       int padBytes, int perZone) throws Exception {
    String pad = "x".repeat(padBytes);
    long total = (long) seconds * perZone * zones.size();
    long interval = 1_000_000_000L / ((long) perZone * zones.size());
    long next = System.nanoTime();
    List<Future<?>> sent = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      String zone = zones.get((int) (i % zones.size()));
      long n = counters.get(zone).getAndIncrement();
      LockSupport.parkNanos(next - System.nanoTime());
      next += interval;
      JsonObject data = new JsonObject().put("t", System.nanoTime()).put("n", n).put("pad", pad);
      JsonObject body = bridge ? new JsonObject().put("address", "events." + zone).put("body", data)
          : new JsonObject().put("topic", "load").put("zone", zone).put("data", data);
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
          .setURI(bridge ? "/publish" : "/api/bus/events").putHeader("Content-Type", "application/json")
          .putHeader("Authorization", "Bearer " + TOKEN);
      sent.add(publisher.request(request).compose(r -> answered(r.send(body.toBuffer()))));
    }
    try {
      Future.join(sent).await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long failed = sent.stream().filter(Future::failed).count();
      long unanswered = sent.stream().filter(f -> !f.isComplete()).count();
      throw new IllegalStateException("publishing: " + (sent.size() - failed - unanswered) + " of " + sent.size() + " answered, "
          + failed + " failed, " + unanswered + " unanswered after 60 s", e);
    }
  }

  /**
   * The body of the response {@code sent} brings. Asked for in the callback that has the response,
   * on its event loop: a {@code body()} chained from the harness's own thread could come a task
   * after the response's end was read, and then never complete.
   */
  private static Future<Buffer> answered(Future<HttpClientResponse> sent) {
    return sent.compose(HttpClientResponse::body);
  }

  private void putDesired(int port, Recorder latency) {
    long started = System.nanoTime();
    lastPutNanos = started;
    String celsius = (started / 1_000_000 / 250) % 2 == 0 ? "20.5" : "21";
    publisher.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1").setPort(port)
            .setURI("/api/zones/home/desired").putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + TOKEN))
        .compose(r -> answered(r.send("{\"celsius\":" + celsius + "}")))
        .onSuccess(body -> latency.recordValue((System.nanoTime() - started) / 1000));
  }

  private static void awaitDelivery(Clients clients, Map<String, AtomicLong> published, long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (Receiver r : clients.receivers) {
        if (!r.slow && r.frames + r.coalesced < published.get(r.zone).get()) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      pause(50);
    }
  }

  private static Result result(String name, Clients.Kind kind, int k, int zones, int slow, Clients clients,
      Map<String, AtomicLong> published, long warmupEvents, long warmupFrames, double elapsed, long cpu, long marginalCpu,
      long rssStart, long rssConnected, long rssEnd, Histogram putDesired, long liveHeap) {
    long frames = -warmupFrames;
    long lost = 0;
    long duplicates = 0;
    long coalesced = 0;
    long lagged = 0;
    for (Receiver r : clients.receivers) {
      frames += r.frames;
      duplicates += r.duplicates;
      coalesced += r.coalesced;
      lagged += r.lagged;
      if (!r.slow && r.lagged == 0) {
        lost += Math.max(0, published.get(r.zone).get() - r.frames - r.coalesced);
      }
    }
    long events = published.values().stream().mapToLong(AtomicLong::get).sum() - warmupEvents;
    return new Result(name, kind, k, zones, slow, events, frames, frames / elapsed, clients.latency.getIntervalHistogram(),
        frames == 0 ? 0 : cpu / 1000.0 / frames, frames == 0 ? 0 : marginalCpu / 1000.0 / frames, rssStart, rssConnected, rssEnd, (rssConnected - rssStart) / (double) k, lost, duplicates,
        coalesced, lagged, putDesired, liveHeap, clients.desiredFrames.getIntervalHistogram());
  }

  static void pause(long millis) {
    LockSupport.parkNanos(millis * 1_000_000);
  }
}
