package io.thermobus.event;

import java.util.Map;

/** An input shard's answer to a {@link ShardQuery}: each hosted zone's desired temperature in hundredths. */
public record DesiredValues(Map<String, Integer> desiredCenti) {

  public DesiredValues {
    desiredCenti = Map.copyOf(desiredCenti);
  }
}
