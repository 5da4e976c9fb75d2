package io.thermobus.event;

import io.thermobus.control.ControlSettings;
import java.util.Map;

/**
 * An input shard's answer to a {@link ShardQuery}: each hosted zone's desired temperature in
 * hundredths and its control settings.
 */
public record DesiredValues(Map<String, Integer> desiredCenti, Map<String, ControlSettings> control) {

  public DesiredValues {
    desiredCenti = Map.copyOf(desiredCenti);
    control = Map.copyOf(control);
  }
}
