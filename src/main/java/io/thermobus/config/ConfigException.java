package io.thermobus.config;

/** Invalid configuration: the message names the key and says what is wrong. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The value of {@code option} is wrong, and {@code why}. */
  static ConfigException invalid(ConfigOption option, String why) {
    return new ConfigException(option.describeKey() + ": " + why);
  }
}
