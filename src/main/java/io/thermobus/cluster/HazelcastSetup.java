package io.thermobus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.config.ClusterSettings;
import io.thermobus.ops.Metrics;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Joins a Hazelcast cluster with Vert.x's cluster manager, configured from the cluster settings
 * alone (no {@code cluster.xml}): TCP-IP join, exact port, timeouts for failover within seconds.
 * The service reaches Hazelcast only through {@link #join} (after {@link ClusterJars#require}).
 */
public final class HazelcastSetup {

  /** The member attribute carrying a node's Thermobus id. */
  static final String NODE_ATTRIBUTE = "thermobus.node";
  /** Zone definitions and setpoints, cluster-wide: zone name → {@link ZoneRecord}. */
  static final String ZONES_MAP = "thermobus.zones";
  /** What each node publishes about itself: node id → {@link NodeRecord}. */
  static final String NODES_MAP = "thermobus.nodes";

  private HazelcastSetup() {}

  /** A joined, clustered Vert.x and how the service makes its node on it. */
  public record Joined(Vertx vertx, BiFunction<ZoneDirectory, CreatedZones, ClusterNode> node) {}

  /** Builds the service's clustered Vert.x, reporting into {@code metrics}; fails if it cannot join. */
  public static Future<Joined> join(PrometheusMeterRegistry metrics, ClusterSettings settings, Path dataDir) {
    HazelcastClusterManager manager = clusterManager(settings);
    return Metrics.instrumentedVertx(metrics, vertxOptions(settings)).withClusterManager(manager).buildClustered()
        .map(vertx -> new Joined(vertx,
            (directory, created) -> new HazelcastNode(manager.getHazelcastInstance(), directory, created, dataDir)));
  }

  /** The cluster manager to build the service's Vert.x with; it joins when that Vert.x is built. */
  public static HazelcastClusterManager clusterManager(ClusterSettings settings) {
    return new HazelcastClusterManager(config(settings));
  }

  /** Vert.x options with the clustered event bus bound where the settings say. */
  public static VertxOptions vertxOptions(ClusterSettings settings) {
    return new VertxOptions().setEventBusOptions(
        new EventBusOptions().setHost(settings.eventBusHost()).setPort(settings.eventBusPort()));
  }

  static Config config(ClusterSettings settings) {
    Config config = new Config().setClusterName(settings.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Failover within seconds: a silent member is dropped after 5 s (default 60), heartbeats every second.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    // Join fast: the master waits 1 s (default 5) for more joiners, at most 3 s (default 20).
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
    // Two nodes started at once may each form a cluster: look for the other after 10 s, not 300.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    // A graceful leave hands partitions over, but never holds up shutdown for more than 10 s (default 600).
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    config.setProperty("hazelcast.socket.bind.any", "false");

    NetworkConfig network = config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1)
        .setMembers(settings.members().isEmpty() ? List.of(settings.nodeId()) : settings.members());
    config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, settings.nodeId());

    // vertx-hazelcast's own structures, as its default-cluster.xml configures them.
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.getMapConfig("__vertx.haInfo").setBackupCount(1);
    config.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
    config.getMapConfig(ZONES_MAP).setBackupCount(1);
    config.getMapConfig(NODES_MAP).setBackupCount(1);
    return config;
  }
}
