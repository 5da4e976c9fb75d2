package io.thermobus.zone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which zones this node hosts, and which shard of each concern hosts a zone: the one place that
 * decides both. Zones come from the configuration and are added and removed at run time, up to
 * {@code maxZones}. A zone belongs to shard {@code floorMod(name.hashCode(), shards)}: stable
 * across restarts and nodes, since {@link String#hashCode()} is specified.
 *
 * <p>Read from every event loop and the web's; additions and removals are synchronized so the
 * limit and uniqueness hold, reads go to concurrent maps without a lock.
 */
public final class ZoneDirectory {

  private final int shards;
  private final int maxZones;
  private final List<Map<String, ZoneSpec>> byShard = new ArrayList<>();
  private final Map<String, ZoneSpec> all = new ConcurrentHashMap<>();
  /** Each zone's place in the order zones were declared, then created; written under this object's lock. */
  private final Map<String, Long> ordinals = new ConcurrentHashMap<>();
  private final String firstZone;
  private long added;

  public ZoneDirectory(int shards, int maxZones, Collection<ZoneSpec> initial) {
    if (shards < 1 || maxZones < 1) {
      throw new IllegalArgumentException("shards and maxZones must be positive");
    }
    if (initial.isEmpty() || initial.size() > maxZones) {
      throw new IllegalArgumentException("a node starts with 1 to maxZones zones, got " + initial.size());
    }
    this.shards = shards;
    this.maxZones = maxZones;
    for (int i = 0; i < shards; i++) {
      byShard.add(new ConcurrentHashMap<>());
    }
    for (ZoneSpec spec : initial) {
      if (all.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException("zone '" + spec.name() + "' is declared twice");
      }
      byShard.get(shardOf(spec.name())).put(spec.name(), spec);
      ordinals.put(spec.name(), added++);
    }
    this.firstZone = initial.iterator().next().name();
  }

  public int shards() {
    return shards;
  }

  public int shardOf(String zone) {
    return Math.floorMod(zone.hashCode(), shards);
  }

  public boolean hosts(String zone) {
    return zone != null && all.containsKey(zone);
  }

  /** The spec of a zone hosted now, or empty. */
  public Optional<ZoneSpec> spec(String zone) {
    return zone == null ? Optional.empty() : Optional.ofNullable(all.get(zone));
  }

  /** The names of the zones hosted now; a live view. */
  public Set<String> names() {
    return Collections.unmodifiableSet(all.keySet());
  }

  public int size() {
    return all.size();
  }

  /** The first configured zone: the one the terminal shows and a custom event defaults to. */
  public String firstZone() {
    return firstZone;
  }

  /** The zones one shard hosts now, in no particular order. */
  public List<ZoneSpec> zonesOf(int shard) {
    return List.copyOf(byShard.get(Objects.checkIndex(shard, shards)).values());
  }

  /** Adds a zone; refuses one that exists or one past the limit. */
  public synchronized void add(ZoneSpec spec) throws ZoneConflictException {
    if (all.containsKey(spec.name())) {
      throw new ZoneConflictException("zone '" + spec.name() + "' exists already");
    }
    if (all.size() >= maxZones) {
      throw new ZoneConflictException("this node hosts " + all.size() + " zones, its limit (maxZones)");
    }
    all.put(spec.name(), spec);
    byShard.get(shardOf(spec.name())).put(spec.name(), spec);
    ordinals.put(spec.name(), added++);
  }

  /** Removes a zone; answers whether it was hosted. */
  public synchronized boolean remove(String zone) {
    if (all.remove(zone) == null) {
      return false;
    }
    byShard.get(shardOf(zone)).remove(zone);
    ordinals.remove(zone);
    return true;
  }

  /** Where a zone comes in the node's order: configured zones as declared, then created ones as created. */
  public long ordinal(String zone) {
    return ordinals.getOrDefault(zone, Long.MAX_VALUE);
  }
}
