package io.thermobus.event;

/**
 * The domain topics: each is published on its own Vert.x address and tapped by the bus under its
 * wire name.
 */
public enum Topic {
  TEMPERATURE("temperature", TemperatureChanged.class),
  DESIRED("desired", DesiredChanged.class),
  HEATER("heater", HeaterSwitched.class),
  INPUT("input", InputReceived.class),
  FRAME("frame", FrameRendered.class);

  private final String wireName;
  private final Class<? extends ZoneEvent> eventType;

  Topic(String wireName, Class<? extends ZoneEvent> eventType) {
    this.wireName = wireName;
    this.eventType = eventType;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends ZoneEvent> eventType() {
    return eventType;
  }

  /** The Vert.x address every event of this topic is published to. */
  public String address() {
    return "thermobus.topic." + wireName;
  }
}
