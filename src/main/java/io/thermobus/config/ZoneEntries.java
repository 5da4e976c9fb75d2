package io.thermobus.config;

import static io.thermobus.config.ConfigException.invalid;
import static io.thermobus.config.ConfigOption.ZONES;

import io.thermobus.event.ZoneName;
import io.thermobus.input.DesiredRange;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the configured zones: names, or (from a file) entries with a zone's own values. */
final class ZoneEntries {

  /** The keys of a zone entry in a config file. */
  static final List<String> ZONE_KEYS = List.of("name", "desired", "initialTemperature", "source");

  private ZoneEntries() {}

  /**
   * Each entry a name, or (from a file) an object with {@code name} and the zone's own {@code desired},
   * {@code initialTemperature} and {@code source}; an mqtt source only with a broker.
   */
  static List<ZoneSpec> read(ConfigValues values, DesiredRange range, int defaultDesired, int defaultTemperature,
                             boolean brokerConfigured) {
    Object value = values.raw(ZONES);
    List<Object> entries = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(entries::add);
    } else {
      entries.addAll(Arrays.asList(values.required(ZONES).split(",")));
    }
    if (entries.isEmpty()) {
      throw invalid(ZONES, "must name at least one zone");
    }
    Map<String, ZoneSpec> zones = new LinkedHashMap<>();
    for (Object entry : entries) {
      ZoneSpec spec = entry instanceof JsonObject object
          ? zone(object, range, defaultDesired, defaultTemperature, brokerConfigured)
          : ZoneSpec.simulated(name(entry), defaultDesired, defaultTemperature);
      if (zones.put(spec.name(), spec) != null) {
        throw invalid(ZONES, "names zone '" + spec.name() + "' twice");
      }
    }
    return List.copyOf(zones.values());
  }

  private static String name(Object entry) {
    String name = entry == null ? "" : String.valueOf(entry).trim();
    if (!(entry instanceof String) || !ZoneName.isValid(name)) {
      throw invalid(ZONES, "'" + name + "' is not a zone name: use 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit");
    }
    return name;
  }

  private static ZoneSpec zone(JsonObject entry, DesiredRange range, int defaultDesired, int defaultTemperature,
                               boolean brokerConfigured) {
    for (String key : entry.fieldNames()) {
      if (!ZONE_KEYS.contains(key)) {
        throw invalid(ZONES, "a zone entry has an unknown key '" + key + "'; known keys: " + String.join(", ", ZONE_KEYS));
      }
    }
    String name = name(entry.getValue("name"));
    int desired = entry.containsKey("desired") ? zoneCenti(name, "desired", entry.getValue("desired")) : defaultDesired;
    if (!range.contains(desired)) {
      throw invalid(ZONES, "zone '" + name + "': desired must lie between desiredMin and desiredMax");
    }
    int temperature = entry.containsKey("initialTemperature")
        ? zoneCenti(name, "initialTemperature", entry.getValue("initialTemperature")) : defaultTemperature;
    ZoneSource source;
    try {
      Object value = entry.getValue("source");
      source = ZoneSource.parse(value instanceof JsonObject object ? object.getMap() : value, brokerConfigured);
    } catch (ZoneSource.InvalidZoneSourceException e) {
      throw invalid(ZONES, "zone '" + name + "': " + e.getMessage());
    }
    return new ZoneSpec(name, desired, temperature, source);
  }

  private static int zoneCenti(String zone, String key, Object value) {
    BigDecimal celsius;
    try {
      celsius = new BigDecimal(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw invalid(ZONES, "zone '" + zone + "': " + key + " must be a number, got " + value);
    }
    try {
      return ZoneSpec.initialTemperatureCenti(celsius);
    } catch (IllegalArgumentException e) {
      throw invalid(ZONES, "zone '" + zone + "': " + key + " must be from -50 to 100 °C, got " + value);
    }
  }
}
