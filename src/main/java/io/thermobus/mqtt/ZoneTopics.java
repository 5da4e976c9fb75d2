package io.thermobus.mqtt;

/**
 * A zone's own topics under the state prefix: its retained state (JSON: temperature, desired,
 * heaterOn, readings, mode, action, fault), which Home Assistant and any other consumer read, and the topic
 * on which Home Assistant sets its desired temperature (a plain number, °C).
 */
public record ZoneTopics(String state, String desiredCommand) {

  public static ZoneTopics of(String statePrefix, String zone) {
    return new ZoneTopics(statePrefix + "/" + zone + "/state", statePrefix + "/" + zone + "/desired/set");
  }
}
