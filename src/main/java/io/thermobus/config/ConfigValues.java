package io.thermobus.config;

import static io.thermobus.config.ConfigException.invalid;
import static io.thermobus.config.ConfigOption.DESIRED_MAX;
import static io.thermobus.config.ConfigOption.DESIRED_MIN;

import io.thermobus.input.DesiredRange;
import io.thermobus.sim.Centi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads one merged configuration object, each value defaulted and checked. */
record ConfigValues(JsonObject merged) {

  Object raw(ConfigOption option) {
    Object value = merged.getValue(option.key());
    return value != null ? value : option.defaultValue();
  }

  String text(ConfigOption option) {
    Object value = raw(option);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw invalid(option, "must be a single value, got " + value);
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  String required(ConfigOption option) {
    String text = text(option);
    if (text == null) {
      throw invalid(option, "must not be empty");
    }
    return text;
  }

  BigDecimal decimal(ConfigOption option, double min, double max) {
    String text = required(option);
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw invalid(option, "must be a number, got '" + text + "'");
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw invalid(option, "must be between " + plain(min) + " and " + plain(max) + ", got " + text);
    }
    return value;
  }

  int integer(ConfigOption option, int min, int max) {
    BigDecimal value = decimal(option, min, max);
    if (value.stripTrailingZeros().scale() > 0) {
      throw invalid(option, "must be a whole number, got " + value.toPlainString());
    }
    return value.intValue();
  }

  int centi(ConfigOption option, int minCenti, int maxCenti) {
    return Centi.fromCelsius(decimal(option, minCenti / 100.0, maxCenti / 100.0));
  }

  boolean bool(ConfigOption option) {
    String text = required(option);
    return switch (text.toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw invalid(option, "must be true or false, got '" + text + "'");
    };
  }

  /** A constant of {@code type}, named in any case. */
  <E extends Enum<E>> E oneOf(ConfigOption option, Class<E> type) {
    String text = required(option);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    throw invalid(option, "must be one of " + Arrays.stream(type.getEnumConstants())
        .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + text + "'");
  }

  /** A list given as an array (in a file) or as comma-separated text, each item trimmed. */
  List<String> items(ConfigOption option) {
    Object value = raw(option);
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> items.add(String.valueOf(item).trim()));
    } else if (text(option) != null) {
      Arrays.stream(text(option).split(",")).map(String::trim).forEach(items::add);
    }
    return items;
  }

  DesiredRange desiredRange() {
    int min = centi(DESIRED_MIN, -5000, 10000);
    int max = centi(DESIRED_MAX, -5000, 10000);
    if (min >= max) {
      throw invalid(DESIRED_MIN, "must be below desiredMax");
    }
    return new DesiredRange(min, max);
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
