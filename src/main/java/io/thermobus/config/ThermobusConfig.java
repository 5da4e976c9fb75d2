package io.thermobus.config;

import static io.thermobus.config.ConfigOption.*;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ControllerKind;
import io.thermobus.control.HysteresisParameters;
import io.thermobus.event.ZoneName;
import io.thermobus.input.DesiredRange;
import io.thermobus.mqtt.BrokerUrl;
import io.thermobus.mqtt.MqttSettings;
import io.thermobus.mqtt.TopicName;
import io.thermobus.sim.Centi;
import io.thermobus.thermostat.Thermostat;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/** The validated, typed configuration of one node, read once at start and passed down. */
public record ThermobusConfig(
    String host,
    int port,
    String token,
    boolean tokenGenerated,
    double timeScale,
    Path dataDir,
    List<ZoneSpec> zones,
    int maxZones,
    int zoneMeters,
    boolean console,
    DesiredRange desiredRange,
    int desiredStepCenti,
    int initialTemperatureCenti,
    int initialDesiredCenti,
    Thermostat thermostat,
    Duration actuatorDelay,
    Duration staleTimeout,
    Duration restartBackoff,
    int maxBodyBytes,
    WebLimits web,
    BusSettings bus,
    ClusterSettings cluster,
    LogSettings log,
    Optional<MqttSettings> mqtt) {

  /**
   * The control of a zone without settings of its own: the chapter's rule ({@code onoff}), or
   * {@code hysteresis} when a tolerance is configured, with the configured actuator delay rounded
   * to whole simulated seconds.
   */
  public ControlSettings control() {
    ControlSettings chapter = ControlSettings.CHAPTER;
    boolean tolerant = thermostat.coldToleranceCenti() > 0 || thermostat.hotToleranceCenti() > 0;
    return new ControlSettings(tolerant ? ControllerKind.HYSTERESIS : ControllerKind.ONOFF,
        tolerant ? new HysteresisParameters(thermostat.coldToleranceCenti() / 100.0, thermostat.hotToleranceCenti() / 100.0)
            : chapter.hysteresis(),
        chapter.tpi(), chapter.pid(), chapter.predictive(), chapter.protections(),
        Math.round(actuatorDelay.toMillis() / 1000.0), chapter.room());
  }

  /** Retention, lease and sweep of the subscriber-queue bus, and how many remote subscriptions it holds. */
  public record BusSettings(int retainEvents, Duration retainAge, int retainBytes, Duration lease, Duration sweepInterval,
                            Duration maxWait, int maxSubscriptions) {}

  /**
   * Whether and how this node joins a Hazelcast cluster: its name, the address Hazelcast binds to
   * and announces, the members to join ({@code host:port}) and the clustered event bus's address.
   */
  public record ClusterSettings(boolean enabled, String name, String host, int port, List<String> members,
                                String eventBusHost, int eventBusPort) {

    public ClusterSettings {
      members = List.copyOf(members);
    }

    /** This node's id in the cluster: its Hazelcast address, unique among the members. */
    public String nodeId() {
      return host + ":" + port;
    }
  }

  /** How log lines look and which are written. */
  public record LogSettings(LogFormat format, Level level) {}

  /** Readable lines, or one JSON object per line for log collectors. */
  public enum LogFormat { TEXT, JSON }

  /**
   * What the HTTP server lets clients do: connections and how long they may wait idle or for a
   * request's headers, write rate per client address, cross-site origins, the largest message
   * a WebSocket client may send, and how long a stream client may leave its write queue full
   * before it is closed.
   */
  public record WebLimits(int maxConnections, Duration requestHeaderTimeout, Duration idleTimeout, int writesPerSecond,
                          int writeBurst, List<String> corsOrigins, int wsMaxMessageBytes, Duration streamStall) {

    public WebLimits {
      corsOrigins = List.copyOf(corsOrigins);
    }
  }

  /** The slowest and fastest simulated time, as simulated seconds per wall second. */
  public static final BigDecimal MIN_TIME_SCALE = new BigDecimal("0.001");
  public static final BigDecimal MAX_TIME_SCALE = new BigDecimal("100000");

  /** The keys of a zone entry in a config file. */
  static final List<String> ZONE_KEYS = List.of("name", "desired", "initialTemperature", "source");

  private static final Pattern TOKEN_TEXT = Pattern.compile("[\\x21-\\x7e]{1,512}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");
  private static final Pattern CLUSTER_NAME_TEXT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern MEMBER = Pattern.compile("(?<host>[^:]+):(?<port>[0-9]{1,5})");

  public ThermobusConfig {
    zones = List.copyOf(zones);
  }

  /** Every component but the token, which is printed once at start and never logged. */
  @Override
  public String toString() {
    return Arrays.stream(ThermobusConfig.class.getRecordComponents())
        .map(component -> component.getName() + "=" + (component.getName().equals("token") ? "<redacted>" : valueOf(component)))
        .collect(Collectors.joining(", ", "ThermobusConfig[", "]"));
  }

  private Object valueOf(RecordComponent component) {
    try {
      return component.getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The defaults alone, with a generated token: what a bare {@code java -jar} runs with. */
  public static ThermobusConfig defaults() {
    return from(new JsonObject());
  }

  /**
   * Validates merged configuration (values may be text, from the environment or flags, or typed,
   * from a file) and fills in defaults.
   *
   * @throws ConfigException naming the first wrong key
   */
  public static ThermobusConfig from(JsonObject merged) {
    rejectUnknownKeys(merged);
    Values values = new Values(merged);
    DesiredRange range = values.desiredRange();
    String token = values.text(TOKEN);
    if (token != null && !TOKEN_TEXT.matcher(token).matches()) {
      throw invalid(TOKEN, "must be 1 to 512 printable characters without spaces");
    }
    int initialDesired = values.centi(INITIAL_DESIRED, -5000, 10000);
    if (!range.contains(initialDesired)) {
      throw invalid(INITIAL_DESIRED, "must lie between desiredMin and desiredMax");
    }
    int maxZones = values.integer(MAX_ZONES, 1, 10_000_000);
    Optional<MqttSettings> mqtt = values.mqtt();
    List<ZoneSpec> zones = values.zones(range, initialDesired, values.centi(INITIAL_TEMPERATURE, -5000, 10000), mqtt.isPresent());
    if (zones.size() > maxZones) {
      throw invalid(ZONES, "names " + zones.size() + " zones, more than maxZones (" + maxZones + ")");
    }
    return new ThermobusConfig(
        values.required(HOST),
        values.integer(PORT, 0, 65535),
        token != null ? token : generateToken(),
        token == null,
        values.decimal(TIME_SCALE, MIN_TIME_SCALE.doubleValue(), MAX_TIME_SCALE.doubleValue()).doubleValue(),
        Path.of(values.required(DATA_DIR)),
        zones,
        maxZones,
        values.integer(ZONE_METERS, 0, 10_000_000),
        values.bool(CONSOLE),
        range,
        values.centi(DESIRED_STEP, 1, 1000),
        values.centi(INITIAL_TEMPERATURE, -5000, 10000),
        initialDesired,
        new Thermostat(values.centi(COLD_TOLERANCE, 0, 500), values.centi(HOT_TOLERANCE, 0, 500)),
        Duration.ofMillis(values.decimal(ACTUATOR_DELAY, 0, 3600).movePointRight(3).longValue()),
        Duration.ofMillis(values.decimal(STALE_TIMEOUT, 0.001, 86_400).movePointRight(3).longValue()),
        Duration.ofMillis(values.integer(RESTART_BACKOFF_MS, 1, 30_000)),
        values.integer(MAX_BODY_BYTES, 64, 16 * 1024 * 1024),
        new WebLimits(
            values.integer(MAX_CONNECTIONS, 1, 100_000),
            Duration.ofMillis(values.integer(REQUEST_HEADER_TIMEOUT_MS, 50, 3_600_000)),
            Duration.ofMillis(values.integer(IDLE_TIMEOUT_MS, 50, 3_600_000)),
            values.integer(WRITE_RATE, 1, 1_000_000),
            values.integer(WRITE_BURST, 1, 1_000_000),
            values.origins(),
            values.integer(WS_MAX_MESSAGE_BYTES, 256, 1024 * 1024),
            Duration.ofSeconds(values.integer(STREAM_STALL_SECONDS, 1, 3600))),
        new BusSettings(
            values.integer(BUS_RETAIN_EVENTS, 1, 10_000_000),
            Duration.ofSeconds(values.integer(BUS_RETAIN_SECONDS, 1, 7 * 24 * 3600)),
            values.integer(BUS_RETAIN_BYTES, 4096, Integer.MAX_VALUE),
            Duration.ofSeconds(values.integer(BUS_LEASE_SECONDS, 1, 24 * 3600)),
            Duration.ofMillis(values.integer(BUS_SWEEP_MS, 10, 3_600_000)),
            Duration.ofMillis(values.integer(BUS_MAX_WAIT_MS, 0, 300_000)),
            values.integer(BUS_MAX_SUBSCRIPTIONS, 1, 1_000_000)),
        values.cluster(),
        new LogSettings(values.oneOf(LOG_FORMAT, LogFormat.class), values.oneOf(LOG_LEVEL, Level.class)),
        mqtt);
  }

  private static void rejectUnknownKeys(JsonObject merged) {
    Set<String> known = Arrays.stream(ConfigOption.values()).map(ConfigOption::key).collect(Collectors.toSet());
    for (String key : merged.fieldNames()) {
      if (!known.contains(key)) {
        throw new ConfigException(
            "unknown configuration key '" + key + "'; known keys: "
                + Arrays.stream(ConfigOption.values()).map(ConfigOption::key).collect(Collectors.joining(", ")));
      }
    }
  }

  private static String generateClientId() {
    return String.format("thermobus-%08x", new SecureRandom().nextInt());
  }

  private static String generateToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static ConfigException invalid(ConfigOption option, String why) {
    return new ConfigException(option.describeKey() + ": " + why);
  }

  /** Reads one merged configuration object, each value defaulted and checked. */
  private record Values(JsonObject merged) {

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

    /**
     * Each entry a name, or (from a file) an object with {@code name} and the zone's own {@code desired},
     * {@code initialTemperature} and {@code source}; an mqtt source only with a broker.
     */
    List<ZoneSpec> zones(DesiredRange range, int defaultDesired, int defaultTemperature, boolean brokerConfigured) {
      Object value = raw(ZONES);
      List<Object> entries = new ArrayList<>();
      if (value instanceof JsonArray array) {
        array.forEach(entries::add);
      } else {
        entries.addAll(Arrays.asList(required(ZONES).split(",")));
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

    List<String> origins() {
      String text = text(CORS_ORIGINS);
      if (text == null) {
        return List.of();
      }
      List<String> origins = Arrays.stream(text.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
      for (String origin : origins) {
        if (!ORIGIN.matcher(origin).matches()) {
          throw invalid(CORS_ORIGINS, "'" + origin + "' is not an origin: write scheme://host[:port], e.g. https://example.org");
        }
      }
      return origins;
    }

    /** The broker settings, checked even without a broker so that a typo fails before it matters; empty without {@code mqttUrl}. */
    Optional<MqttSettings> mqtt() {
      Optional<String> username = Optional.ofNullable(text(MQTT_USERNAME));
      Optional<String> password = Optional.ofNullable(text(MQTT_PASSWORD));
      if (password.isPresent() && username.isEmpty()) {
        throw invalid(MQTT_PASSWORD, "needs mqttUsername: MQTT sends no password without a user name");
      }
      String clientId = text(MQTT_CLIENT_ID);
      if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
        throw invalid(MQTT_CLIENT_ID, "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
      }
      Optional<Path> caFile = Optional.ofNullable(text(MQTT_CA_FILE)).map(Path::of);
      if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
        throw invalid(MQTT_CA_FILE, "cannot read " + caFile.get());
      }
      Duration keepAlive = Duration.ofSeconds(integer(MQTT_KEEP_ALIVE, 1, 3600));
      String statePrefix = topic(MQTT_STATE_PREFIX);
      boolean discovery = bool(MQTT_DISCOVERY);
      String discoveryPrefix = topic(MQTT_DISCOVERY_PREFIX);
      String url = text(MQTT_URL);
      if (url == null) {
        return Optional.empty();
      }
      BrokerUrl broker;
      try {
        broker = BrokerUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw invalid(MQTT_URL, e.getMessage());
      }
      return Optional.of(new MqttSettings(broker, username, password, caFile, clientId != null ? clientId : generateClientId(),
          keepAlive, statePrefix, discovery, discoveryPrefix));
    }

    private String topic(ConfigOption option) {
      try {
        return TopicName.check(required(option));
      } catch (IllegalArgumentException e) {
        throw invalid(option, e.getMessage());
      }
    }

    ClusterSettings cluster() {
      String name = required(CLUSTER_NAME);
      if (!CLUSTER_NAME_TEXT.matcher(name).matches()) {
        throw invalid(CLUSTER_NAME, "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-', got '" + name + "'");
      }
      String host = required(CLUSTER_HOST);
      if (!IPV4.matcher(host).matches() || host.equals("0.0.0.0")) {
        throw invalid(CLUSTER_HOST, "must be an IPv4 address of this machine, e.g. 127.0.0.1, got '" + host + "'");
      }
      List<String> members = items(CLUSTER_MEMBERS).stream().filter(m -> !m.isEmpty()).toList();
      for (String member : members) {
        Matcher parts = MEMBER.matcher(member);
        if (!parts.matches() || !HOST_NAME.matcher(parts.group("host")).matches()
            || Integer.parseInt(parts.group("port")) < 1 || Integer.parseInt(parts.group("port")) > 65535) {
          throw invalid(CLUSTER_MEMBERS, "'" + member + "' is not a member: write host:port, e.g. 127.0.0.1:5701");
        }
      }
      String busHost = text(EVENT_BUS_HOST);
      if (busHost != null && !HOST_NAME.matcher(busHost).matches()) {
        throw invalid(EVENT_BUS_HOST, "must be a host name or an IPv4 address, got '" + busHost + "'");
      }
      return new ClusterSettings(bool(CLUSTER), name, host, integer(CLUSTER_PORT, 1, 65535), members,
          busHost == null ? host : busHost, integer(EVENT_BUS_PORT, 0, 65535));
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
}
