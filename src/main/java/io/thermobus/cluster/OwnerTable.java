package io.thermobus.cluster;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The owners last observed, and what an update changes: moves counted, the zones this node
 * gained and lost. Pure; its owner (one event loop) feeds it each fresh reading of the partition
 * table. A zone whose owner is unknown for a moment (a partition being promoted) keeps its last
 * owner until a real one is read, so a promotion counts as one move, not two.
 */
final class OwnerTable {

  private final String node;
  private Map<String, String> owners = Map.of();
  private long moves;

  OwnerTable(String node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /**
   * Takes a fresh reading: {@code read} holds every known zone, mapped to its owner or to
   * {@code null} when the owner is not known right now.
   */
  ZoneOwnership.Change update(Map<String, String> read) {
    Map<String, String> next = new TreeMap<>();
    read.forEach((zone, owner) -> {
      String known = owner != null ? owner : owners.get(zone);
      if (known != null) {
        next.put(zone, known);
      }
    });
    Set<String> gained = new HashSet<>();
    Set<String> lost = new HashSet<>();
    next.forEach((zone, owner) -> {
      String before = owners.get(zone);
      if (before != null && !before.equals(owner)) {
        moves++;
      }
      if (owner.equals(node) && !node.equals(before)) {
        gained.add(zone);
      }
    });
    owners.forEach((zone, owner) -> {
      if (owner.equals(node) && !node.equals(next.get(zone))) {
        lost.add(zone);
      }
    });
    owners = Collections.unmodifiableMap(next);
    return new ZoneOwnership.Change(gained, lost);
  }

  Map<String, String> owners() {
    return owners;
  }

  long moves() {
    return moves;
  }
}
