package io.thermobus.event;

import java.time.Instant;

/** A rendered display frame: the snapshot the thermostat decided on, and its text form. */
public record FrameRendered(
    String zone, int temperature, int desired, boolean heaterOn, String input, String text, Instant at)
    implements ZoneEvent {

  @Override
  public Topic topic() {
    return Topic.FRAME;
  }
}
