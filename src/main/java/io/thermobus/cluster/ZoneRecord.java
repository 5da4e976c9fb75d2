package io.thermobus.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.json.JsonObject;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * A zone as the cluster keeps it in {@link HazelcastSetup#ZONES_MAP}: its definition and setpoint,
 * and the node that last claimed it with the claim's fence. The processors below change it on the partition
 * that holds it, one at a time, which is what makes a claim and a fence check atomic.
 */
public record ZoneRecord(int desiredCenti, int initialTemperatureCenti, String source, String owner, long fence)
    implements Serializable {

  @Serial
  private static final long serialVersionUID = 3L;

  /** A zone's source as the record keeps it: its JSON object, as in a config file, so that it travels as text. */
  static String sourceText(ZoneSource source) {
    return new JsonObject(source.toMap()).encode();
  }

  /** The zone as a node adopts it: with the cluster's setpoint. */
  ZoneSpec spec(String name) {
    return new ZoneSpec(name, desiredCenti, initialTemperatureCenti, ZoneSource.parse(new JsonObject(source).getMap(), true));
  }

  private ZoneRecord claimedBy(String node, long newFence) {
    return new ZoneRecord(desiredCenti, initialTemperatureCenti, source, node, newFence);
  }

  /**
   * Base of the processors that act only where the entry lives: {@code executingNode} is the node
   * whose member holds the entry's primary copy as the processor runs.
   */
  abstract static class OnOwner<R> implements EntryProcessor<String, ZoneRecord, R>, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private transient String executingNode;
    private transient ZoneRecord written;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
      executingNode = hazelcast.getCluster().getLocalMember().getAttribute(HazelcastSetup.NODE_ATTRIBUTE);
    }

    @Override
    public final R process(Map.Entry<String, ZoneRecord> entry) {
      R result = apply(entry, executingNode);
      written = entry.getValue();
      return result;
    }

    /**
     * Backups take the primary's outcome as it is (the node check holds on the primary only);
     * Hazelcast asks for this after {@link #process}, on the primary's partition thread.
     */
    @Override
    public final EntryProcessor<String, ZoneRecord, R> getBackupProcessor() {
      return written == null ? null : new Replicate<>(written);
    }

    abstract R apply(Map.Entry<String, ZoneRecord> entry, String executingNode);
  }

  /** Writes the primary's outcome on a backup. */
  private record Replicate<R>(ZoneRecord value) implements EntryProcessor<String, ZoneRecord, R> {

    @Override
    public R process(Map.Entry<String, ZoneRecord> entry) {
      entry.setValue(value);
      return null;
    }
  }

  /**
   * Claims a zone for {@code node} with the next fence, if {@code node} holds the zone's partition
   * now; answers the new fence, or 0 when the claim is refused or the zone is unknown.
   */
  static final class Claim extends OnOwner<Long> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String node;

    Claim(String node) {
      this.node = node;
    }

    @Override
    Long apply(Map.Entry<String, ZoneRecord> entry, String executingNode) {
      ZoneRecord zone = entry.getValue();
      if (zone == null || !node.equals(executingNode)) {
        return 0L;
      }
      entry.setValue(zone.claimedBy(node, zone.fence() + 1));
      return zone.fence() + 1;
    }
  }

  /** Whether {@code node}'s command under {@code fence} may act: it holds the partition and the latest claim. */
  static final class Admit extends OnOwner<Boolean> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String node;
    private final long fence;

    Admit(String node, long fence) {
      this.node = node;
      this.fence = fence;
    }

    @Override
    Boolean apply(Map.Entry<String, ZoneRecord> entry, String executingNode) {
      ZoneRecord zone = entry.getValue();
      return zone != null && node.equals(executingNode) && node.equals(zone.owner()) && zone.fence() == fence;
    }
  }

  /** Records a setpoint, keeping the claim; a zone the cluster does not know stays unknown. */
  static final class Desired extends OnOwner<Void> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int desiredCenti;

    Desired(int desiredCenti) {
      this.desiredCenti = desiredCenti;
    }

    @Override
    Void apply(Map.Entry<String, ZoneRecord> entry, String executingNode) {
      ZoneRecord zone = entry.getValue();
      if (zone != null) {
        entry.setValue(new ZoneRecord(desiredCenti, zone.initialTemperatureCenti(), zone.source(), zone.owner(), zone.fence()));
      }
      return null;
    }
  }

  /** Defines a zone unless the cluster knows it already (an existing zone keeps its setpoint and claim); answers whether it did. */
  static final class Define extends OnOwner<Boolean> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ZoneRecord definition;

    Define(ZoneSpec spec) {
      this.definition = new ZoneRecord(spec.desiredCenti(), spec.initialTemperatureCenti(), sourceText(spec.source()), null, 0);
    }

    @Override
    Boolean apply(Map.Entry<String, ZoneRecord> entry, String executingNode) {
      if (entry.getValue() != null) {
        return false;
      }
      entry.setValue(definition);
      return true;
    }
  }
}
