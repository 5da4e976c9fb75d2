package io.thermobus.cluster;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which node owns which zone: the seam the zone directory drives its zones by. Every zone the
 * cluster knows has exactly one owner; a node adopts the zones it gains and stops the ones it
 * loses, and stamps each heater command with {@link #fence} so that a stale owner is refused.
 * Readable from any thread; listeners run on the ownership's own event loop.
 */
public interface ZoneOwnership {

  /** What changed for this node: the zones it now owns and the ones it no longer owns. */
  record Change(Set<String> gained, Set<String> lost) {

    public Change {
      gained = Set.copyOf(gained);
      lost = Set.copyOf(lost);
    }
  }

  /** This node's id. */
  String node();

  /** Every zone the cluster knows, with its owner's node id. */
  Map<String, String> owners();

  default boolean owns(String zone) {
    return node().equals(owners().get(zone));
  }

  /** The zone's owner, or {@code null} for a zone the cluster does not know. */
  default String owner(String zone) {
    return owners().get(zone);
  }

  /** How often a zone's owner changed since this node joined. */
  long moves();

  /** The fence this node holds for {@code zone}, rising with every claim of it; 0 when it does not own it. */
  long fence(String zone);

  /** Whether a command for {@code zone} stamped with {@code fence} may still act: this node still owns it under that claim. */
  Future<Boolean> admits(String zone, long fence);

  /** Tells {@code listener} about every later change of the zones this node owns. */
  void onChange(Consumer<Change> listener);
}
