package io.thermobus.cluster;

import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.healthchecks.Status;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This node's place in its cluster, as a verticle deployed before the zones: the members, what
 * each published about itself, and the zones' owners. {@link LocalNode} without {@code --cluster},
 * {@link HazelcastNode} with it.
 */
public abstract class ClusterNode extends VerticleBase implements ZoneOwnership {

  /** One member: its id, HTTP address ({@code null} until it serves), how many zones it owns, since when it is a member. */
  public record Member(String id, String httpUrl, int zones, Instant joinedAt) {}

  /** The cluster as this node sees it. */
  public record View(String node, List<Member> nodes, Map<String, String> owners, long moves) {

    public View {
      nodes = List.copyOf(nodes);
      owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    }
  }

  public abstract Future<View> view();

  /** Publishes where this node serves HTTP, once it does. */
  public abstract Future<Void> announce(String httpUrl);

  /** Once the zones' shards run: from then on this node hosts the zones it owns, adopting and dropping them through {@code hosting}. */
  public abstract void adopt(ZoneHosting hosting);

  /** How zones are created and deleted at run time in this node's cluster; none for a lone node, whose zone routes host them themselves. */
  public abstract Optional<ClusterZones> runtimeZones();

  /** Up while this node is a member of a running cluster. */
  public abstract Future<Status> membership();

  /** How many of {@code owners}' zones {@code node} owns. */
  static int zonesOf(Map<String, String> owners, String node) {
    return (int) owners.values().stream().filter(node::equals).count();
  }
}
