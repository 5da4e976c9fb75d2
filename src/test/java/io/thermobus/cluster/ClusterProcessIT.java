package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes started from the built jar, in JVMs of their own on loopback, each with its own Hazelcast
 * port and HTTP on port 0, seen from outside through {@code /api/cluster}, {@code /api/zones} and
 * their streams. Runs after {@code package} (failsafe); every process is killed after each test.
 */
class ClusterProcessIT {

  private static final Pattern DASHBOARD = Pattern.compile("Thermobus dashboard: (http://127\\.0\\.0\\.1:\\d+)/#token=\\S+");
  private static final Duration START = Duration.ofSeconds(90);
  /** Six zones a node: 18 over three nodes, so a node owning none of them is a one-in-a-thousand draw. */
  private static final int ZONES_PER_NODE = 6;

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ServiceProcess> processes = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();

  /** One started node: where it serves, its id and the zones it hosts. */
  private record Node(ServiceProcess process, String baseUrl, String id, List<String> zones) {}

  @AfterEach
  void killEveryProcess() throws InterruptedException {
    sockets.forEach(WebSocket::abort);
    for (ServiceProcess process : processes) {
      process.process.destroyForcibly();
    }
    for (ServiceProcess process : processes) {
      process.waitForExit(30);
    }
  }

  @Test
  void twoNodesShareTheZonesAWriteOnOneReachesTheOthersZoneAZoneCreatedOnOneIsDeletedOnTheOtherAndASigtermHandsTheZonesOver() throws Exception {
    int[] ports = freePorts(2);
    Node a = start("a", ports[0], ports);
    Node b = start("b", ports[1], ports);
    List<String> zones = zonesOf(a, b);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject seenByA = cluster(a);
      JsonObject seenByB = cluster(b);
      assertThat(seenByA.getString("node")).isEqualTo(a.id());
      assertThat(seenByB.getString("node")).isEqualTo(b.id());
      for (JsonObject seen : List.of(seenByA, seenByB)) {
        assertThat(ids(seen)).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(urls(seen)).containsExactlyInAnyOrder(a.baseUrl(), b.baseUrl());
        assertOneOwnerEach(seen, zones, Set.of(a.id(), b.id()));
      }
      assertThat(seenByA.getJsonObject("owners")).as("both see the same owners").isEqualTo(seenByB.getJsonObject("owners"));
    });
    // Every zone online on either node, each under its owner: each node hosts exactly the zones it owns.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, Object> owners = cluster(a).getJsonObject("owners").getMap();
      for (Node node : List.of(a, b)) {
        Map<String, JsonObject> listed = listed(node);
        assertThat(listed).containsOnlyKeys(zones);
        listed.values().forEach(zone -> {
          assertThat(zone.getBoolean("online")).as("%s on %s", zone, node.id()).isTrue();
          assertThat(zone.getString("owner")).isEqualTo(owners.get(zone.getString("zone")));
        });
      }
    });

    Map<String, Object> owners = cluster(a).getJsonObject("owners").getMap();
    String ofB = zones.stream().filter(zone -> b.id().equals(owners.get(zone))).findFirst().orElseThrow();
    HttpResponse<String> subscribed = post(a.baseUrl() + "/api/bus/subscriptions",
        "{\"topics\": [\"desired\"], \"zone\": \"" + ofB + "\", \"from\": \"latest\"}");
    assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
    long subscription = new JsonObject(subscribed.body()).getLong("id");
    HttpResponse<String> written = put(a.baseUrl() + "/api/zones/" + ofB + "/desired", "{\"celsius\": 23.5}");
    assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
    assertThat(new JsonObject(written.body()).getDouble("desired")).isEqualTo(23.5);
    assertThat(new JsonObject(written.body()).getString("owner")).isEqualTo(b.id());
    assertThat(get(b.baseUrl() + "/api/zones/" + ofB).getDouble("desired")).as("saved by its owner").isEqualTo(23.5);
    await("node a's bus records the other node's zone's event").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonObject drained = get(a.baseUrl() + "/api/bus/subscriptions/" + subscription + "/events?max=100&waitMs=1000");
      assertThat(drained.getJsonArray("events").stream().map(JsonObject.class::cast)
          .map(event -> event.getJsonObject("data").getDouble("celsius"))).contains(23.5);
    });

    createdOnOneAndDeletedOnTheOther(a, b, zones);

    b.process().process.destroy();
    assertThat(b.process().waitForExit(60)).as("SIGTERM exits cleanly").isZero();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Map<String, JsonObject> listed = listed(a);
      assertThat(listed).containsOnlyKeys(zones);
      listed.values().forEach(zone -> assertThat(zone.getString("owner")).isEqualTo(a.id()));
      listed.values().forEach(zone -> assertThat(zone.getBoolean("online")).isTrue());
      assertThat(listed.get(ofB).getDouble("desired")).as("the handed-over setpoint").isEqualTo(23.5);
    });
  }

  /**
   * A zone created through {@code a} is defined cluster-wide: hosted by its owner with its setpoint
   * (saved there), listed by both, recorded in {@code a}'s created zones; deleted through {@code b},
   * no node hosts it once the 204 is answered, and every node forgets it.
   */
  private void createdOnOneAndDeletedOnTheOther(Node a, Node b, List<String> zones) throws Exception {
    HttpResponse<String> made = post(a.baseUrl() + "/api/zones", "{\"zone\": \"made\", \"desired\": 21.5}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(new JsonObject(made.body()).getDouble("desired")).isEqualTo(21.5);
    assertThat(new JsonObject(made.body()).getBoolean("online")).as("hosted by its owner when confirmed").isTrue();
    String owner = new JsonObject(made.body()).getString("owner");
    assertThat(Files.readString(dir.resolve("a").resolve("zones.json"))).as("recorded where it was created").contains("\"made\"");
    assertThat(hosts(List.of(a, b))).as("driven by its owner alone").containsEntry("made", owner);
    HttpResponse<String> again = post(b.baseUrl() + "/api/zones", "{\"zone\": \"made\"}");
    assertThat(again.statusCode()).as("known cluster-wide: %s", again.body()).isEqualTo(409);
    List<String> withMade = new ArrayList<>(zones);
    withMade.add("made");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (Node node : List.of(a, b)) {
        Map<String, JsonObject> listed = listed(node);
        assertThat(listed).containsOnlyKeys(withMade);
        assertThat(listed.get("made").getDouble("desired")).isEqualTo(21.5);
        assertThat(listed.get("made").getString("owner")).isEqualTo(owner);
      }
    });
    Node ofOwner = owner.equals(a.id()) ? a : b;
    Path saved = dir.resolve(ofOwner == a ? "a" : "b").resolve("zone-made.json");
    assertThat(saved).as("its owner saved its setting").exists();

    HttpResponse<String> deleted = send(b.baseUrl() + "/api/zones/made", "DELETE", "");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertThat(hosts(List.of(a, b))).as("no node drives it once deleted").doesNotContainKey("made");
    assertThat(saved).as("its owner removed its setting").doesNotExist();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (Node node : List.of(a, b)) {
        assertThat(listed(node)).containsOnlyKeys(zones);
      }
      assertThat(Files.readString(dir.resolve("a").resolve("zones.json"))).as("forgotten where it was created").doesNotContain("\"made\"");
    });
    assertThat(send(a.baseUrl() + "/api/zones/made", "DELETE", "").statusCode()).as("gone everywhere").isEqualTo(404);
  }

  @Test
  void aKilledNodesZonesComeBackOnTheSurvivorsWithTheirSetpointsWithinFifteenSecondsAndARestartedNodeRejoinsInBoundedMoves()
      throws Exception {
    int[] ports = freePorts(3);
    Node a = start("a", ports[0], ports);
    Node b = start("b", ports[1], ports);
    Node c = start("c", ports[2], ports);
    List<Node> all = List.of(a, b, c);
    List<String> zones = zonesOf(a, b, c);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (Node node : all) {
        JsonObject seen = cluster(node);
        assertThat(ids(seen)).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertOneOwnerEach(seen, zones, Set.of(a.id(), b.id(), c.id()));
      }
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hosts(all).keySet()).containsExactlyInAnyOrderElementsOf(zones));
    // A setpoint of its own for every zone, each written through node a.
    Map<String, Double> setpoints = new java.util.HashMap<>();
    for (int i = 0; i < zones.size(); i++) {
      setpoints.put(zones.get(i), 15.0 + i * 0.5);
      HttpResponse<String> written = put(a.baseUrl() + "/api/zones/" + zones.get(i) + "/desired", "{\"celsius\": " + (15.0 + i * 0.5) + "}");
      assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
    }
    List<String> ofC = hosts(all).entrySet().stream().filter(host -> host.getValue().equals(c.id())).map(Map.Entry::getKey).toList();
    Map<Node, Stream> streams = Map.of(a, stream(a), b, stream(b));
    await("the survivors-to-be's streams carry the doomed node's zones' events").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> streams.values().forEach(stream -> assertThat(stream.zonesFrom(0)).containsAll(ofC)));

    long killedAt = System.nanoTime();
    c.process().process.destroyForcibly().waitFor();
    List<Node> survivors = List.of(a, b);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      Map<String, String> hosts = hosts(survivors);
      assertThat(hosts.keySet()).as("every zone driven by a survivor").containsExactlyInAnyOrderElementsOf(zones);
      for (Node node : survivors) {
        listed(node).forEach((zone, state) -> assertThat(state.getDouble("desired")).as("%s on %s", zone, node.id())
            .isEqualTo(setpoints.get(zone)));
      }
    });
    System.out.printf("kill -9 to its %d zones driven by the survivors with their setpoints: %d ms%n", ofC.size(),
        (System.nanoTime() - killedAt) / 1_000_000);
    Map<Node, Integer> adoptedAt = new java.util.HashMap<>();
    streams.forEach((node, stream) -> adoptedAt.put(node, stream.frames.size()));
    await("the adopted zones' events go on arriving on every survivor's stream").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> streams.forEach((node, stream) -> assertThat(stream.zonesFrom(adoptedAt.get(node)))
            .as("zones of events on %s's stream since the adoption", node.id()).containsAll(ofC)));
    streams.forEach((node, stream) -> stream.assertContiguous(node.id()));
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonObject seenByA = cluster(a);
      JsonObject seenByB = cluster(b);
      for (JsonObject seen : List.of(seenByA, seenByB)) {
        assertThat(ids(seen)).containsExactlyInAnyOrder(a.id(), b.id());
        assertOneOwnerEach(seen, zones, Set.of(a.id(), b.id()));
      }
      assertThat(seenByA.getJsonObject("owners")).isEqualTo(seenByB.getJsonObject("owners"));
    });

    long movesBefore = cluster(a).getLong("moves");
    Node restarted = start("c", ports[2], ports);
    List<Node> rejoined = List.of(a, b, restarted);
    await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
      for (Node node : rejoined) {
        JsonObject seen = cluster(node);
        assertThat(ids(seen)).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(urls(seen)).contains(restarted.baseUrl());
        assertOneOwnerEach(seen, zones, Set.of(a.id(), b.id(), c.id()));
        assertThat(seen.getJsonObject("owners").getMap()).as("the rejoined node took its share").containsValue(c.id());
      }
      assertThat(hosts(rejoined)).as("each zone driven by its owner").isEqualTo(cluster(a).getJsonObject("owners").getMap());
    });
    long settledMoves = cluster(a).getLong("moves");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> cluster(a).getLong("moves") == settledMoves);
    System.out.printf("moves seen by a survivor while the node rejoined: %d of %d zones%n", settledMoves - movesBefore, zones.size());
    assertThat(settledMoves - movesBefore).as("zones moved to the rejoined node, no more moves than zones")
        .isBetween(1L, (long) zones.size());
    for (Node node : rejoined) {
      listed(node).forEach((zone, state) -> assertThat(state.getDouble("desired")).as("%s after the rejoin", zone)
          .isEqualTo(setpoints.get(zone)));
    }
  }

  @Test
  void aClusterPortInUseFailsTheStartNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ServiceProcess process = ServiceProcess.startJar(Map.of(), "--cluster", "--cluster-port", Integer.toString(taken.getLocalPort()),
          "--port", "0", "--data-dir", dir.resolve("taken").toString());
      processes.add(process);
      assertThat(process.waitForExit(60)).isEqualTo(1);
      assertThat(process.stderr).anySatisfy(line -> assertThat(line)
          .startsWith("thermobus: could not join the cluster: ").contains("Port [" + taken.getLocalPort() + "] is already in use"));
    }
  }

  @Test
  void theJarWithoutLibBesideItServesStandaloneAndRefusesClusterModeNamingTheMissingJars() throws Exception {
    Path alone = Files.createDirectories(dir.resolve("alone")).resolve("thermobus.jar");
    Files.copy(ServiceProcess.builtJar(), alone);

    ServiceProcess clustered = ServiceProcess.startJar(alone, Map.of("THERMOBUS_CLUSTER", "true"),
        "--port", "0", "--data-dir", dir.resolve("clustered").toString());
    processes.add(clustered);
    assertThat(clustered.waitForExit(60)).as("exit code; output: %s", clustered.allOutput()).isEqualTo(2);
    // The whole of stderr: one line, no stack trace.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(clustered.stderr).containsExactly(
        "thermobus: invalid configuration: cluster (THERMOBUS_CLUSTER, --cluster): cluster mode needs hazelcast.jar and "
            + "vertx-hazelcast.jar in " + alone.resolveSibling("lib").toAbsolutePath() + " (the build's target/lib, beside the service's jar)"));

    ServiceProcess standalone = ServiceProcess.startJar(alone, Map.of(), "--port", "0", "--data-dir", dir.resolve("standalone").toString());
    processes.add(standalone);
    await().atMost(START).until(() -> banner(standalone) != null || !standalone.process.isAlive());
    String url = banner(standalone);
    assertThat(url).as("started; output: %s", standalone.allOutput()).isNotNull();
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as("ready: %s", ready.body()).isEqualTo(200);
  }

  private Node start(String name, int hazelcastPort, int[] allPorts) throws IOException {
    List<String> zones = IntStream.rangeClosed(1, ZONES_PER_NODE).mapToObj(i -> name + i).toList();
    String members = IntStream.of(allPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    ServiceProcess process = ServiceProcess.startJar(Map.of(),
        "--cluster", "--cluster-port", Integer.toString(hazelcastPort), "--cluster-members", members,
        "--cluster-name", "test-" + allPorts[0], "--port", "0", "--token", "cluster-token",
        "--zones", String.join(",", zones), "--data-dir", dir.resolve(name).toString());
    processes.add(process);
    await().atMost(START).until(() -> banner(process) != null || !process.process.isAlive());
    String url = banner(process);
    assertThat(url).as("started; output: %s", process.allOutput()).isNotNull();
    return new Node(process, url, "127.0.0.1:" + hazelcastPort, zones);
  }

  private static String banner(ServiceProcess process) {
    return process.stdout.stream().map(DASHBOARD::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
  }

  private static List<String> zonesOf(Node... nodes) {
    return java.util.Arrays.stream(nodes).flatMap(node -> node.zones().stream()).toList();
  }

  private static void assertOneOwnerEach(JsonObject seen, List<String> zones, Set<String> members) {
    Map<String, Object> owners = seen.getJsonObject("owners").getMap();
    assertThat(owners).as("every zone has an owner, seen by %s", seen.getString("node")).containsOnlyKeys(zones);
    assertThat(new HashSet<>(owners.values())).as("owners are members").isSubsetOf(members);
    int owned = seen.getJsonArray("nodes").stream().mapToInt(node -> ((JsonObject) node).getInteger("zones")).sum();
    assertThat(owned).as("the nodes' zone counts add up to the zones").isEqualTo(zones.size());
  }

  private static List<String> ids(JsonObject cluster) {
    return cluster.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getString("id")).toList();
  }

  private static List<String> urls(JsonObject cluster) {
    return cluster.getJsonArray("nodes").stream().map(node -> ((JsonObject) node).getString("httpUrl")).toList();
  }

  /** Every zone the node lists, by name; a zone listed offline and online while it moves counts as online. */
  private Map<String, JsonObject> listed(Node node) throws Exception {
    Map<String, JsonObject> listed = new java.util.TreeMap<>();
    for (Object zone : get(node.baseUrl() + "/api/zones").getJsonArray("zones")) {
      JsonObject state = (JsonObject) zone;
      listed.merge(state.getString("zone"), state, (first, second) -> first.getBoolean("online") ? first : second);
    }
    return listed;
  }

  /**
   * Which node drives each zone, sampled from each node's own list (a zone it hosts is online under
   * its own id). Two nodes driving one zone throws, which no await retries: the test fails at once.
   */
  private Map<String, String> hosts(List<Node> nodes) throws Exception {
    Map<String, String> hosts = new java.util.TreeMap<>();
    for (Node node : nodes) {
      for (JsonObject state : listed(node).values()) {
        if (state.getBoolean("online") && node.id().equals(state.getString("owner"))) {
          String other = hosts.put(state.getString("zone"), node.id());
          if (other != null) {
            throw new IllegalStateException("zone " + state.getString("zone") + " driven by " + other + " and " + node.id());
          }
        }
      }
    }
    return hosts;
  }

  /**
   * One node's WebSocket stream of every bus event (all topics, all zones), as the page opens it,
   * recorded frame by frame; closed with the processes.
   */
  private static final class Stream implements WebSocket.Listener {

    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed = "closed " + status + " " + reason;
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed = "failed: " + error;
    }

    /** The zones of the bus events received from frame {@code index} on. */
    Set<String> zonesFrom(int index) {
      return frames.subList(index, frames.size()).stream().filter(frame -> frame.containsKey("seq"))
          .map(frame -> frame.getString("zone")).collect(Collectors.toSet());
    }

    /**
     * From the hello's {@code next} to the last seq received, every seq arrived once, or is
     * accounted for by a {@code coalesced} frame (the N events it replaced) or a {@code lagged} marker.
     */
    void assertContiguous(String node) {
      assertThat(closed).as("%s's stream is still open", node).isNull();
      assertThat(frames.get(0).getString("type")).as("a hello first").isEqualTo("hello");
      long next = frames.get(0).getLong("next");
      Set<Long> seqs = new HashSet<>();
      long explained = 0;
      long last = next - 1;
      for (JsonObject frame : frames.subList(1, frames.size())) {
        if (frame.containsKey("lagged")) {
          explained += frame.getLong("lagged");
        } else if (frame.containsKey("seq")) {
          long seq = frame.getLong("seq");
          assertThat(seqs.add(seq)).as("seq %d once on %s's stream", seq, node).isTrue();
          explained += frame.getLong("coalesced", 0L);
          last = Math.max(last, seq);
        }
      }
      long missing = last - next + 1 - seqs.size();
      System.out.printf("%s's stream: seqs %d..%d, %d events, %d missing, %d coalesced or lagged%n", node, next, last, seqs.size(),
          missing, explained);
      assertThat(last - next).as("%s's stream went on", node).isPositive();
      assertThat(missing).as("seqs missing on %s's stream, beyond those coalesced or lagged", node).isEqualTo(explained);
    }
  }

  /** Opens {@code node}'s stream of every bus event; it starts at the next event. */
  private Stream stream(Node node) {
    Stream stream = new Stream();
    WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer cluster-token")
        .buildAsync(URI.create(node.baseUrl().replace("http://", "ws://") + "/api/ws"), stream).join();
    sockets.add(socket);
    await().atMost(Duration.ofSeconds(10)).until(() -> !stream.frames.isEmpty());
    return stream;
  }

  private HttpResponse<String> put(String url, String body) throws Exception {
    return send(url, "PUT", body);
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return send(url, "POST", body);
  }

  private HttpResponse<String> send(String url, String method, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer cluster-token").header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject cluster(Node node) throws Exception {
    return get(node.baseUrl() + "/api/cluster");
  }

  private JsonObject get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer cluster-token").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  /** Distinct free ports for Hazelcast, which needs them fixed in advance to list them as members. */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
