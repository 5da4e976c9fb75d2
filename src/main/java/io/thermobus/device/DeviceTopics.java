package io.thermobus.device;

/**
 * The virtual device's topics under its prefix ({@code thermobus-device} by default): readings as
 * plain numbers in °C, {@code ON}/{@code OFF} commands, the relay's confirmation (retained), and
 * its availability (retained, {@code online}/{@code offline}).
 */
public record DeviceTopics(String base, String temperature, String heaterSet, String heater) {

  public static final String DEFAULT_PREFIX = "thermobus-device";
  public static final String ON = "ON";
  public static final String OFF = "OFF";

  public static DeviceTopics of(String prefix, String zone) {
    String base = prefix + "/" + zone;
    return new DeviceTopics(base, base + "/temperature", base + "/heater/set", base + "/heater");
  }
}
