package io.thermobus.event;

/**
 * The verticles that host zones, one class each, deployed as shards: each shard hosts the zones
 * the zone directory assigns to it and listens on one address, so an event or request reaches
 * only the shard that hosts its zone. Declared in the order they start: the history, display and
 * heater listen before the input, room and device (the room of a zone on MQTT) announce their first values, and heat loss starts
 * after them, so nothing cools before the thermostat is ready; the zones' states go out on MQTT last.
 */
public enum Concern {
  HISTORY("history"),
  DISPLAY("display"),
  HEATER("heater"),
  INPUT("input"),
  ROOM("room"),
  DEVICE("device"),
  HEAT_LOSS("heat-loss"),
  MQTT_STATE("mqtt-state");

  private final String label;

  Concern(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The one address of a shard of this concern; it takes every message for the zones it hosts. */
  public String address(int shard) {
    return "thermobus.shard." + label + "." + shard;
  }

  /** The supervision and readiness name of one shard, {@code room/3}. */
  public String shardName(int shard) {
    return label + "/" + shard;
  }
}
