package io.thermobus.config;

import static io.thermobus.config.ConfigOption.*;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ControllerKind;
import io.thermobus.control.HysteresisParameters;
import io.thermobus.input.DesiredRange;
import io.thermobus.mqtt.MqttSettings;
import io.thermobus.thermostat.Thermostat;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  /** The slowest and fastest simulated time, as simulated seconds per wall second. */
  public static final BigDecimal MIN_TIME_SCALE = new BigDecimal("0.001");
  public static final BigDecimal MAX_TIME_SCALE = new BigDecimal("100000");

  private static final Pattern TOKEN_TEXT = Pattern.compile("[\\x21-\\x7e]{1,512}");

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
    ConfigValues values = new ConfigValues(merged);
    DesiredRange range = values.desiredRange();
    String token = values.text(TOKEN);
    if (token != null && !TOKEN_TEXT.matcher(token).matches()) {
      throw ConfigException.invalid(TOKEN, "must be 1 to 512 printable characters without spaces");
    }
    int initialDesired = values.centi(INITIAL_DESIRED, -5000, 10000);
    if (!range.contains(initialDesired)) {
      throw ConfigException.invalid(INITIAL_DESIRED, "must lie between desiredMin and desiredMax");
    }
    int maxZones = values.integer(MAX_ZONES, 1, 10_000_000);
    Optional<MqttSettings> mqtt = MqttConfig.read(values);
    List<ZoneSpec> zones = ZoneEntries.read(values, range, initialDesired, values.centi(INITIAL_TEMPERATURE, -5000, 10000),
        mqtt.isPresent());
    if (zones.size() > maxZones) {
      throw ConfigException.invalid(ZONES, "names " + zones.size() + " zones, more than maxZones (" + maxZones + ")");
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
            WebLimits.origins(values),
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
        ClusterSettings.read(values),
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

  private static String generateToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
