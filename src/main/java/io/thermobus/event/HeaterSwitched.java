package io.thermobus.event;

import java.time.Instant;

/**
 * The thermostat switched the heater; {@code forced} for the fail-safe's off (readings stale or a
 * first one overdue), which a relay carries out at once, whatever its minimum on time.
 * {@code temperature} and {@code desired} are what it decided on, {@code null} when a fail-safe
 * switch-off came before they were known.
 */
public record HeaterSwitched(String zone, boolean on, boolean forced, Integer temperature, Integer desired, Instant at)
    implements ZoneEvent {

  @Override
  public Topic topic() {
    return Topic.HEATER;
  }
}
