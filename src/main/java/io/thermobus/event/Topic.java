package io.thermobus.event;

import java.util.Set;

/**
 * The domain topics: each is published on its own Vert.x address, where the bus taps it under its
 * wire name and node-wide observers (metrics, logs, the terminal) listen, and sent to the shard
 * of each concern that consumes it, which hosts the event's zone.
 */
public enum Topic {
  TEMPERATURE("temperature", TemperatureChanged.class, Set.of(Concern.DISPLAY, Concern.HISTORY)),
  DESIRED("desired", DesiredChanged.class, Set.of(Concern.DISPLAY, Concern.HISTORY)),
  HEATER("heater", HeaterSwitched.class, Set.of(Concern.HEATER, Concern.ROOM, Concern.DEVICE, Concern.HISTORY)),
  INPUT("input", InputReceived.class, Set.of(Concern.DISPLAY)),
  FRAME("frame", FrameRendered.class, Set.of(Concern.MQTT_STATE));

  private final String wireName;
  private final Class<? extends ZoneEvent> eventType;
  private final Set<Concern> consumers;

  Topic(String wireName, Class<? extends ZoneEvent> eventType, Set<Concern> consumers) {
    this.wireName = wireName;
    this.eventType = eventType;
    this.consumers = consumers;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends ZoneEvent> eventType() {
    return eventType;
  }

  /** The concerns whose shards take this topic's events for the zones they host. */
  public Set<Concern> consumers() {
    return consumers;
  }

  /** The Vert.x address every event of this topic is published to, for node-wide observers. */
  public String address() {
    return "thermobus.topic." + wireName;
  }
}
