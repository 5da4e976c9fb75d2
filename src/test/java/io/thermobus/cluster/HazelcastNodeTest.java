package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import io.thermobus.config.ThermobusConfig.ClusterSettings;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.EventCodec;
import io.thermobus.event.Topic;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One clustered node in this JVM, as Main builds it: its zones' setpoints reach the cluster map, and it claims what it owns. */
class HazelcastNodeTest {

  private Vertx vertx;
  private HazelcastClusterManager manager;
  private HazelcastNode node;

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
    node = new HazelcastNode(manager.getHazelcastInstance(), List.of("home"));
  }

  @AfterEach
  void leave() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldWriteAHostedZonesSetpointThroughAndClaimTheZoneItOwns() throws Exception {
    List<ZoneOwnership.Change> changes = new CopyOnWriteArrayList<>();
    node.onChange(changes::add);
    vertx.deployVerticle(node).await(30, TimeUnit.SECONDS);
    IMap<String, ZoneRecord> zones = manager.getHazelcastInstance().getMap(HazelcastSetup.ZONES_MAP);

    vertx.eventBus().publish(Topic.DESIRED.address(), new DesiredChanged("home", 2250, "rest", Instant.now()));
    vertx.eventBus().publish(Topic.DESIRED.address(), new DesiredChanged("elsewhere", 1800, "rest", Instant.now()));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(node.owners()).containsExactly(Map.entry("home", node.node()));
      assertThat(node.fence("home")).isPositive();
    });
    assertThat(zones.get("home").desiredCenti()).isEqualTo(2250);
    assertThat(zones.containsKey("elsewhere")).as("a zone another node hosts is that node's to write").isFalse();
    assertThat(changes).containsExactly(new ZoneOwnership.Change(Set.of("home"), Set.of()));
    long fence = node.fence("home");
    assertThat(node.admits("home", fence).await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(node.admits("home", fence - 1).await(10, TimeUnit.SECONDS)).isFalse();
    assertThat(node.membership().await(10, TimeUnit.SECONDS).isOk()).isTrue();
    assertThat(node.moves()).isZero();
  }
}
