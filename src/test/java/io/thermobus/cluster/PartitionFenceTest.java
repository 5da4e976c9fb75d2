package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.thermobus.config.ClusterSettings;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Claims and fence checks on two real Hazelcast members in this JVM, configured as the service
 * configures them: refused off the partition's owner, and carried to the backup that a dead
 * owner's survivor promotes.
 */
class PartitionFenceTest {

  private HazelcastInstance first;
  private HazelcastInstance second;

  @AfterEach
  void shutDown() {
    for (HazelcastInstance member : new HazelcastInstance[] {first, second}) {
      if (member != null) {
        member.getLifecycleService().terminate();
      }
    }
  }

  @Test
  void shouldAdmitOnlyTheLatestClaimOfThePartitionsOwnerAndKeepItThroughTheOwnersDeath() throws IOException {
    int[] ports = {freePort(), freePort()};
    first = Hazelcast.newHazelcastInstance(config(ports[0], ports));
    second = Hazelcast.newHazelcastInstance(config(ports[1], ports));
    await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);
    IMap<String, ZoneRecord> zones = first.getMap(HazelcastSetup.ZONES_MAP);
    zones.executeOnKey("home", new ZoneRecord.Define(ZoneSpec.simulated("home", 2100, 1800)));

    HazelcastInstance owner = first.getPartitionService().getPartition("home").getOwner().localMember() ? first : second;
    HazelcastInstance other = owner == first ? second : first;
    String ownerId = "127.0.0.1:" + owner.getCluster().getLocalMember().getAddress().getPort();
    String otherId = "127.0.0.1:" + other.getCluster().getLocalMember().getAddress().getPort();

    assertThat(zones.executeOnKey("home", new ZoneRecord.Claim(otherId))).as("not the partition's owner").isZero();
    long fence = zones.executeOnKey("home", new ZoneRecord.Claim(ownerId));
    assertThat(fence).isEqualTo(1);
    assertThat(zones.executeOnKey("home", new ZoneRecord.Admit(ownerId, fence))).isTrue();
    assertThat(zones.executeOnKey("home", new ZoneRecord.Admit(otherId, fence))).isFalse();
    zones.executeOnKey("home", new ZoneRecord.Desired(2250));

    owner.getLifecycleService().terminate();
    IMap<String, ZoneRecord> survivors = other.getMap(HazelcastSetup.ZONES_MAP);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> other.getPartitionService().getPartition("home").getOwner().localMember());
    assertThat(survivors.get("home")).as("the backup holds the claim and the setpoint").isEqualTo(new ZoneRecord(2250, 1800, ZoneRecord.sourceText(ZoneSource.SIM), ownerId, 1));
    assertThat(survivors.executeOnKey("home", new ZoneRecord.Admit(ownerId, fence))).as("the dead owner's fence").isFalse();
    assertThat(survivors.executeOnKey("home", new ZoneRecord.Claim(otherId))).isEqualTo(2);
  }

  private static Config config(int port, int[] ports) {
    ClusterSettings settings = new ClusterSettings(true, "fence-test-" + ports[0], "127.0.0.1", port,
        List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]), "127.0.0.1", 0);
    return HazelcastSetup.config(settings);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
