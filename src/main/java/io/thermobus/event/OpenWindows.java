package io.thermobus.event;

import java.util.Set;

/** A heat-loss shard's answer to a {@link ShardQuery}: the zones whose windows are open now. */
public record OpenWindows(Set<String> zones) {

  public OpenWindows {
    zones = Set.copyOf(zones);
  }
}
