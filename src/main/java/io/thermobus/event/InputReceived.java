package io.thermobus.event;

import java.time.Instant;

/**
 * A key reached the zone's input. {@code trace} is the recent key trace and {@code pending} the
 * digits typed but not yet confirmed with Enter.
 */
public record InputReceived(String zone, String key, String trace, String pending, Instant at)
    implements ZoneEvent {

  @Override
  public Topic topic() {
    return Topic.INPUT;
  }
}
