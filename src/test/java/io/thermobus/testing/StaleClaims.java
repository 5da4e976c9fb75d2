package io.thermobus.testing;

import io.thermobus.cluster.ZoneOwnership;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An ownership that believes this node, {@code a}, owns every zone under fence 7, while only the
 * {@code admitted} zones' claims are still the latest: the others were claimed again elsewhere.
 */
public final class StaleClaims implements ZoneOwnership {

  private final Map<String, String> owners = new TreeMap<>();
  private final Set<String> admitted;

  public StaleClaims(Set<String> zones, Set<String> admitted) {
    zones.forEach(zone -> owners.put(zone, "a"));
    this.admitted = Set.copyOf(admitted);
  }

  @Override
  public String node() {
    return "a";
  }

  @Override
  public Map<String, String> owners() {
    return Map.copyOf(owners);
  }

  @Override
  public long moves() {
    return 0;
  }

  @Override
  public long fence(String zone) {
    return 7;
  }

  @Override
  public Future<Boolean> admits(String zone, long fence) {
    return Future.succeededFuture(fence == 7 && admitted.contains(zone));
  }

  @Override
  public void onChange(Consumer<Change> listener) {
  }
}
