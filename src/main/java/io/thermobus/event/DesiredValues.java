package io.thermobus.event;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ScheduledSetpoint;
import java.util.Map;

/**
 * An input shard's answer to a {@link ShardQuery}: each hosted zone's desired temperature in
 * hundredths, its control settings and its schedule's next change (absent when none is coming).
 */
public record DesiredValues(Map<String, Integer> desiredCenti, Map<String, ControlSettings> control,
    Map<String, ScheduledSetpoint> upcoming) {

  public DesiredValues {
    desiredCenti = Map.copyOf(desiredCenti);
    control = Map.copyOf(control);
    upcoming = Map.copyOf(upcoming);
  }
}
