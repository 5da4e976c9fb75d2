package io.thermobus.event;

import java.time.Instant;

/** The thermostat switched the heater; {@code temperature} and {@code desired} are what it decided on. */
public record HeaterSwitched(String zone, boolean on, int temperature, int desired, Instant at)
    implements ZoneEvent {

  @Override
  public Topic topic() {
    return Topic.HEATER;
  }
}
