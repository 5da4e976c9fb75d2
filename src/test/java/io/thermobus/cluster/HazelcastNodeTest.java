package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import io.thermobus.config.ClusterSettings;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.EventCodec;
import io.thermobus.event.Topic;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One clustered node in this JVM, as Main builds it: it defines its zones in the cluster map with their saved setpoints, and claims what it owns. */
class HazelcastNodeTest {

  private Vertx vertx;
  private HazelcastClusterManager manager;
  private HazelcastNode node;
  private ZoneDirectory directory;
  @TempDir Path dataDir;

  @BeforeEach
  void join() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ClusterSettings settings = new ClusterSettings(true, "node-test-" + port, "127.0.0.1", port, List.of(), "127.0.0.1", 0);
    manager = HazelcastSetup.clusterManager(settings);
    vertx = Vertx.builder().with(HazelcastSetup.vertxOptions(settings)).withClusterManager(manager).buildClustered()
        .await(60, TimeUnit.SECONDS);
    EventCodec.registerAll(vertx.eventBus());
    directory = new ZoneDirectory(2, 10, List.of(ZoneSpec.simulated("home", 2000, 1800), ZoneSpec.simulated("attic", 1900, 1800)));
    new SettingsFile(dataDir, "home").write(ZoneSettings.ofDesiredCenti(2250));
    node = new HazelcastNode(manager.getHazelcastInstance(), directory, CreatedZones.open(dataDir), dataDir);
  }

  @AfterEach
  void leave() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldDefineItsZonesWithTheirSavedSetpointsAndClaimTheZonesItOwns() throws Exception {
    List<ZoneOwnership.Change> changes = new CopyOnWriteArrayList<>();
    node.onChange(changes::add);
    vertx.deployVerticle(node).await(30, TimeUnit.SECONDS);
    IMap<String, ZoneRecord> zones = manager.getHazelcastInstance().getMap(HazelcastSetup.ZONES_MAP);

    assertThat(directory.names()).as("hosted only once adopted").isEmpty();
    vertx.eventBus().publish(Topic.DESIRED.address(), new DesiredChanged("elsewhere", 1800, "rest", Instant.now()));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(node.owners()).containsOnly(Map.entry("home", node.node()), Map.entry("attic", node.node()));
      assertThat(node.fence("home")).isPositive();
    });
    assertThat(zones.get("home").desiredCenti()).as("the saved setpoint").isEqualTo(2250);
    assertThat(zones.get("attic").desiredCenti()).as("the configured one").isEqualTo(1900);
    assertThat(zones.containsKey("elsewhere")).as("a zone this node does not host is not its to write").isFalse();
    assertThat(changes).as("gained, in one reading or two").flatMap(ZoneOwnership.Change::gained).containsExactlyInAnyOrder("home", "attic");
    assertThat(changes).flatMap(ZoneOwnership.Change::lost).isEmpty();
    long fence = node.fence("home");
    assertThat(node.admits("home", fence).await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(node.admits("home", fence - 1).await(10, TimeUnit.SECONDS)).isFalse();
    assertThat(node.membership().await(10, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(node.moves()).isZero();
  }

  @Test
  void shouldCreateAZoneInTheClusterMapDurablyOnceAndForgetItEverywhereOnDelete() throws Exception {
    vertx.deployVerticle(node).await(30, TimeUnit.SECONDS);
    IMap<String, ZoneRecord> zones = manager.getHazelcastInstance().getMap(HazelcastSetup.ZONES_MAP);
    ClusterZones cluster = node.runtimeZones().orElseThrow();
    ZoneSpec cellar = ZoneSpec.simulated("cellar", 1650, 1200);

    assertThat(cluster.define(cellar).await(20, TimeUnit.SECONDS)).as("defined").isTrue();
    assertThat(zones.get("cellar").desiredCenti()).isEqualTo(1650);
    assertThat(CreatedZones.open(dataDir).specs(false)).as("recorded on disk before it is confirmed").extracting(ZoneSpec::name)
        .containsExactly("cellar");
    assertThat(cluster.define(ZoneSpec.simulated("cellar", 2000, 1200)).await(20, TimeUnit.SECONDS)).as("known already").isFalse();
    assertThat(cluster.define(ZoneSpec.simulated("home", 2000, 1200)).await(20, TimeUnit.SECONDS)).as("a configured zone").isFalse();
    assertThat(zones.get("cellar").desiredCenti()).as("the first definition stands").isEqualTo(1650);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(node.owners()).containsKey("cellar"));

    assertThat(cluster.undefine("cellar").await(20, TimeUnit.SECONDS)).as("deleted").isTrue();
    assertThat(zones.containsKey("cellar")).isFalse();
    assertThat(CreatedZones.open(dataDir).specs(false)).as("forgotten on disk").isEmpty();
    assertThat(cluster.undefine("cellar").await(20, TimeUnit.SECONDS)).as("unknown now").isFalse();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(node.owners()).doesNotContainKey("cellar"));
  }
}
