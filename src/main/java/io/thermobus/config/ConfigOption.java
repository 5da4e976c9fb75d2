package io.thermobus.config;

import java.util.Locale;

/**
 * Every configuration key, declared once: its config-file key, environment variable, command-line
 * flag, default and meaning. The help text, the README table and the loader all read this list.
 */
public enum ConfigOption {
  HOST("host", "127.0.0.1", "HTTP bind address"),
  PORT("port", "8080", "HTTP port; 0 picks any free port"),
  TOKEN("token", null, "bearer token for writes; generated and printed at start when unset"),
  TIME_SCALE("timeScale", "1", "simulated seconds per wall second"),
  DATA_DIR("dataDir", "./data", "directory where settings persist"),
  ZONES("zones", "home", "zones hosted by this node at start: comma-separated names, or in a config file a list whose entries are a name or an object with name, desired, initialTemperature and source"),
  MAX_ZONES("maxZones", "100000", "most zones this node hosts; creating one more is answered 409"),
  ZONE_METERS("zoneMeters", "1000", "most zones that get their own metric series (the first to report); the node-wide zone meters count every zone"),
  CONSOLE("console", "false", "render frames on the terminal and read keys (also on when stdout is a TTY)"),
  DESIRED_MIN("desiredMin", "5", "lowest desired temperature a user may set, °C"),
  DESIRED_MAX("desiredMax", "35", "highest desired temperature a user may set, °C"),
  DESIRED_STEP("desiredStep", "0.5", "°C added or removed by one +/- key press"),
  INITIAL_TEMPERATURE("initialTemperature", "20.90", "room temperature at start, °C"),
  INITIAL_DESIRED("initialDesired", "21.00", "desired temperature at start, °C"),
  COLD_TOLERANCE("coldTolerance", "0", "°C below desired before the heater switches on (hysteresis)"),
  HOT_TOLERANCE("hotTolerance", "0", "°C above desired before the heater switches off (hysteresis)"),
  ACTUATOR_DELAY("actuatorDelay", "0", "simulated seconds between a thermostat decision and the heater switching"),
  STALE_TIMEOUT("staleTimeout", "12", "simulated seconds without a temperature reading before a zone's heater is forced off and the zone reports a fault (at least one wall second)"),
  RESTART_BACKOFF_MS("restartBackoffMs", "500", "wait before a failed zone verticle is deployed again, milliseconds; doubles with each further failure, up to 30 s"),
  MAX_BODY_BYTES("maxBodyBytes", "16384", "largest accepted request body, bytes"),
  MAX_CONNECTIONS("maxConnections", "256", "most simultaneous HTTP connections; at the limit the longest-idle keep-alive connection is closed for a new one, and when none is idle requests on the new one are answered 429 and it is closed"),
  REQUEST_HEADER_TIMEOUT_MS("requestHeaderTimeoutMs", "10000", "time a new connection has to send its first request's headers, milliseconds; then it is closed"),
  IDLE_TIMEOUT_MS("idleTimeoutMs", "60000", "time a keep-alive connection may stay open with no request in flight, milliseconds; WebSockets, event streams and long-polls are not idle"),
  WRITE_RATE("writeRate", "10", "writes per second one client address may sustain; beyond it writes are answered 429 with Retry-After"),
  WRITE_BURST("writeBurst", "30", "writes one client address may send in a burst before writeRate applies"),
  WS_MAX_MESSAGE_BYTES("wsMaxMessageBytes", "4096", "largest input message a WebSocket client may send, bytes; a larger one drops the connection"),
  STREAM_STALL_SECONDS("streamStallSeconds", "30", "how long a stream client (WebSocket or SSE) may leave its 64 KiB write queue full, seconds; then it is closed (WebSocket 1008 with a reason, SSE connection closed) and its memory returned"),
  CORS_ORIGINS("corsOrigins", "", "comma-separated origins (scheme://host[:port]) allowed to call the API from other sites; empty keeps CORS off"),
  BUS_RETAIN_EVENTS("busRetainEvents", "10000", "bus retention by count, events"),
  BUS_RETAIN_SECONDS("busRetainSeconds", "600", "bus retention by age, seconds"),
  BUS_RETAIN_BYTES("busRetainBytes", "33554432", "bus retention by size, bytes: the retained events' JSON payloads plus 64 bytes each; the oldest go first, the newest is always kept"),
  BUS_LEASE_SECONDS("busLeaseSeconds", "60", "lease of a remote bus subscription, seconds"),
  BUS_SWEEP_MS("busSweepMs", "1000", "interval of the bus's tombstone sweep, milliseconds"),
  BUS_MAX_WAIT_MS("busMaxWaitMs", "30000", "longest long-poll wait a bus client may ask for, milliseconds"),
  BUS_MAX_SUBSCRIPTIONS("busMaxSubscriptions", "1000", "most remote bus subscriptions at once, tombstoned ones counting until the sweep removes them; further subscribes are answered 429"),
  CLUSTER("cluster", "false", "join a cluster of Thermobus nodes over Hazelcast; the zones are spread over its nodes"),
  CLUSTER_NAME("clusterName", "thermobus", "name of the cluster; nodes with another name never join this one"),
  CLUSTER_HOST("clusterHost", "127.0.0.1", "IPv4 address of this machine that Hazelcast binds to and announces to the other nodes"),
  CLUSTER_PORT("clusterPort", "5701", "Hazelcast's port, used exactly (no auto-increment): give each node on one host its own"),
  CLUSTER_MEMBERS("clusterMembers", "", "comma-separated host:port of nodes to join (TCP-IP; multicast and auto-detection are off); empty: this node starts a cluster alone"),
  EVENT_BUS_HOST("eventBusHost", "", "address the clustered Vert.x event bus binds to and announces; empty: the cluster host"),
  EVENT_BUS_PORT("eventBusPort", "0", "port of the clustered Vert.x event bus; 0 picks any free port"),
  LOG_FORMAT("logFormat", "text", "log lines on stderr: text (readable) or json (one JSON object per line, for containers)"),
  LOG_LEVEL("logLevel", "info", "least severe level logged: error, warn, info, debug (every state change) or trace"),
  MQTT_URL("mqttUrl", "", "MQTT broker as mqtt://host[:port] (1883) or mqtts://host[:port] (TLS, 8883); empty runs without a broker"),
  MQTT_USERNAME("mqttUsername", "", "user name the MQTT broker checks; empty connects without credentials"),
  MQTT_PASSWORD("mqttPassword", "", "password for mqttUsername; never logged or shown"),
  MQTT_CA_FILE("mqttCaFile", "", "PEM file of the authority that signed the broker's certificate, for mqtts:// to a broker with its own CA; empty trusts the JVM's authorities"),
  MQTT_CLIENT_ID("mqttClientId", null, "MQTT client id, unique on the broker; thermobus- and 8 random hex digits when unset"),
  MQTT_KEEP_ALIVE("mqttKeepAlive", "30", "seconds between MQTT keep-alive pings; a ping unanswered for half as long again drops the connection, which is then opened again"),
  MQTT_STATE_PREFIX("mqttStatePrefix", "thermobus", "topic prefix of the zones' retained states and of this node's availability, PREFIX/status (online or offline, retained)"),
  MQTT_DISCOVERY("mqttDiscovery", "true", "announce each zone to Home Assistant as an MQTT climate entity"),
  MQTT_DISCOVERY_PREFIX("mqttDiscoveryPrefix", "homeassistant", "Home Assistant's MQTT discovery prefix");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigOption(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The key in a config file (JSON or YAML). */
  public String key() {
    return key;
  }

  /** The default as text, or {@code null} when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** {@code timeScale} → {@code THERMOBUS_TIME_SCALE}. */
  public String environmentVariable() {
    return "THERMOBUS_" + name();
  }

  /** {@code timeScale} → {@code thermobus.timeScale}. */
  public String systemProperty() {
    return "thermobus." + key;
  }

  /** {@code timeScale} → {@code --time-scale}. */
  public String flag() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A yes/no option (its default is true or false): its flag may stand alone, meaning true ({@code --cluster}). */
  public boolean isSwitch() {
    return "true".equals(defaultValue) || "false".equals(defaultValue);
  }

  /** Names the key everywhere it can be set, for error messages. */
  public String describeKey() {
    return key + " (" + environmentVariable() + ", " + flag() + ")";
  }
}
