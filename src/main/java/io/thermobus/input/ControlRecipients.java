package io.thermobus.input;

import io.thermobus.event.Concern;
import io.thermobus.zone.ZoneSource;
import java.util.List;

/**
 * The shards that use a zone's control settings: its display shard runs the controller, and a
 * simulated zone's room shard its room model or an MQTT zone's device shard its relay's minimum
 * times; no other shard hosts the zone, so none other is told.
 */
final class ControlRecipients {

  private static final List<Concern> SIMULATED = List.of(Concern.DISPLAY, Concern.ROOM);
  private static final List<Concern> ON_DEVICES = List.of(Concern.DISPLAY, Concern.DEVICE);

  private ControlRecipients() {}

  static List<Concern> of(ZoneSource source) {
    return source instanceof ZoneSource.Mqtt ? ON_DEVICES : SIMULATED;
  }
}
