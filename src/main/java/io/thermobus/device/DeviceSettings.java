package io.thermobus.device;

import io.thermobus.event.ZoneName;
import io.thermobus.mqtt.BrokerUrl;
import io.thermobus.mqtt.MqttSettings;
import io.thermobus.mqtt.TopicName;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The {@code device} subcommand's options, checked: which room, on which broker, under which prefix, how fast. */
public record DeviceSettings(String zone, BrokerUrl broker, String topicPrefix, double timeScale, int initialCenti,
                             Optional<String> username, Optional<String> password) {

  public static final String NAME = "device";
  /** The password comes from the environment, never a flag, so it does not show in the process list. */
  public static final String PASSWORD_VARIABLE = "THERMOBUS_MQTT_PASSWORD";

  public DeviceTopics topics() {
    return DeviceTopics.of(topicPrefix, zone);
  }

  /** The device's own broker connection: its availability is {@code <prefix>/<zone>/status}. */
  public MqttSettings mqtt() {
    return new MqttSettings(broker, username, password, Optional.empty(), "thermobus-device-" + zone, Duration.ofSeconds(30),
        topics().base(), false, "homeassistant");
  }

  public static CommandSpec commandSpec() {
    CommandSpec spec = CommandSpec.create().mixinStandardHelpOptions(true);
    spec.usageMessage().description(
        "Runs the chapter's simulated room as a real sensor and relay on an MQTT broker: readings as plain numbers on "
            + "PREFIX/ZONE/temperature, ON or OFF taken on PREFIX/ZONE/heater/set and confirmed on PREFIX/ZONE/heater.",
        "The password for --username is read from " + PASSWORD_VARIABLE + ".");
    spec.addOption(option("--zone", "ZONE", "the room's name, as in the zone's topics (required)"));
    spec.addOption(option("--broker", "URL", "the MQTT broker, mqtt://host[:port] or mqtts://host[:port] (required)"));
    spec.addOption(option("--topic-prefix", "PREFIX", "first level of the device's topics [default " + DeviceTopics.DEFAULT_PREFIX + "]"));
    spec.addOption(option("--time-scale", "SCALE", "simulated seconds per wall second [default 1]"));
    spec.addOption(option("--initial-temperature", "CELSIUS", "the room's temperature at start, °C [default 20.90]"));
    spec.addOption(option("--username", "USER", "user name the broker checks [default none]"));
    return spec;
  }

  private static OptionSpec option(String name, String label, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
  }

  /**
   * @throws IllegalArgumentException naming the flag that is missing or wrong
   */
  public static DeviceSettings from(ParseResult parsed, String password) {
    String zone = required(parsed, "--zone");
    if (!ZoneName.isValid(zone)) {
      throw new IllegalArgumentException("--zone: '" + zone + "' is not a zone name: use 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
    }
    BrokerUrl broker = checked("--broker", () -> BrokerUrl.parse(required(parsed, "--broker")));
    String prefix = checked("--topic-prefix", () -> TopicName.check(parsed.matchedOptionValue("--topic-prefix", DeviceTopics.DEFAULT_PREFIX)));
    double timeScale = checked("--time-scale", () -> {
      double scale = Double.parseDouble(parsed.matchedOptionValue("--time-scale", "1"));
      if (!(scale >= 0.001 && scale <= 100_000)) {
        throw new IllegalArgumentException("must be between 0.001 and 100000");
      }
      return scale;
    });
    int initial = checked("--initial-temperature", () -> {
      int centi = Centi.fromCelsius(new BigDecimal(parsed.matchedOptionValue("--initial-temperature", "20.90")));
      if (centi < -5000 || centi > 10000) {
        throw new IllegalArgumentException("must be between -50 and 100");
      }
      return centi;
    });
    Optional<String> username = Optional.ofNullable(parsed.<String>matchedOptionValue("--username", null)).filter(u -> !u.isEmpty());
    Optional<String> secret = Optional.ofNullable(password).filter(p -> !p.isEmpty());
    if (secret.isPresent() && username.isEmpty()) {
      throw new IllegalArgumentException(PASSWORD_VARIABLE + " needs --username");
    }
    return new DeviceSettings(zone, broker, prefix, timeScale, initial, username, secret);
  }

  private static String required(ParseResult parsed, String flag) {
    String value = parsed.matchedOptionValue(flag, "");
    if (value.isBlank()) {
      throw new IllegalArgumentException(flag + " is required");
    }
    return value.trim();
  }

  private interface Check<T> {
    T get();
  }

  private static <T> T checked(String flag, Check<T> check) {
    try {
      return check.get();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": must be a number");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith("--") ? e.getMessage() : flag + ": " + e.getMessage());
    }
  }
}
