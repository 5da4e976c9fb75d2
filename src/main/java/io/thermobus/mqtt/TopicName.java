package io.thermobus.mqtt;

/**
 * The one rule for the MQTT topics Thermobus is configured with (prefixes, sensor, heater and state
 * topics): 1 to 256 characters, no wildcards ({@code +}, {@code #}), no NUL, no empty first or last
 * level. Exact topics only, so an incoming message is routed by a map lookup.
 */
public final class TopicName {

  public static final int MAX_LENGTH = 256;

  private TopicName() {}

  /**
   * @return {@code topic} when it follows the rule
   * @throws IllegalArgumentException saying why not, without repeating a value that may be long
   */
  public static String check(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (topic.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
      throw new IllegalArgumentException("'" + topic + "' must be an exact topic, without the wildcards + and #");
    }
    if (topic.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("must not contain NUL");
    }
    if (topic.startsWith("/") || topic.endsWith("/")) {
      throw new IllegalArgumentException("'" + topic + "' must not start or end with /");
    }
    return topic;
  }
}
