package io.thermobus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.event.Level;

class ThermobusConfigTest {

  @Test
  void defaultsAreTheChaptersAndTheDesignsDefaults() {
    ThermobusConfig config = ThermobusConfig.defaults();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.timeScale()).isEqualTo(1.0);
    assertThat(config.zones()).extracting(ZoneSpec::name).containsExactly("home");
    assertThat(config.initialTemperatureCenti()).isEqualTo(2090);
    assertThat(config.initialDesiredCenti()).isEqualTo(2100);
    assertThat(config.desiredRange().minCenti()).isEqualTo(500);
    assertThat(config.desiredRange().maxCenti()).isEqualTo(3500);
    assertThat(config.maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(config.bus().retainEvents()).isEqualTo(10_000);
    assertThat(config.bus().retainAge()).isEqualTo(Duration.ofSeconds(600));
    assertThat(config.bus().lease()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.bus().sweepInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.tokenGenerated()).isTrue();
    assertThat(config.token()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(config.staleTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.restartBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.web()).isEqualTo(new WebLimits(256, Duration.ofSeconds(10), Duration.ofSeconds(60), 10, 30, List.of(), 4096,
        Duration.ofSeconds(30)));
  }

  @Test
  void neverShowsTheTokenInItsTextForm() {
    ThermobusConfig config = ThermobusConfig.from(new JsonObject().put("token", "do-not-log-me"));
    assertThat(config.toString()).doesNotContain("do-not-log-me").contains("token=<redacted>").contains("port=8080").contains("web=");
  }

  @Test
  void readsTheCorsAllowList() {
    ThermobusConfig config = ThermobusConfig.from(new JsonObject().put("corsOrigins", "https://a.example, http://localhost:3000"));
    assertThat(config.web().corsOrigins()).containsExactly("https://a.example", "http://localhost:3000");
  }

  @Test
  void generatesADifferentTokenEachTime() {
    assertThat(ThermobusConfig.defaults().token()).isNotEqualTo(ThermobusConfig.defaults().token());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "port        | abc      | port (THERMOBUS_PORT, --port): must be a number",
      "port        | 70000    | must be between 0 and 65535",
      "port        | 80.5     | must be a whole number",
      "timeScale   | 0        | time-scale",
      "timeScale   | -3       | must be between",
      "timeScale   | NaN      | must be a number",
      "host        | ' '      | host (THERMOBUS_HOST, --host): must not be empty",
      "zones       | Home     | not a zone name",
      "zones       | 'a,a'    | names zone 'a' twice",
      "console     | maybe    | must be true or false",
      "desiredMin  | 40       | must be below desiredMax",
      "token       | 'a b'    | printable characters without spaces",
      "busSweepMs  | 1        | bus-sweep-ms",
      "initialDesired | 40    | must lie between desiredMin and desiredMax",
      "nonsense    | 1        | unknown configuration key 'nonsense'",
      "logFormat   | xml      | logFormat (THERMOBUS_LOG_FORMAT, --log-format): must be one of text, json, got 'xml'",
      "logLevel    | loud     | logLevel (THERMOBUS_LOG_LEVEL, --log-level): must be one of error, warn, info, debug, trace",
      "busMaxWaitMs | -1      | bus-max-wait-ms",
      "staleTimeout | 0       | stale-timeout",
      "restartBackoffMs | 0   | restart-backoff-ms",
      "maxConnections | 0     | max-connections",
      "requestHeaderTimeoutMs | 10 | request-header-timeout-ms",
      "idleTimeoutMs | 0       | idle-timeout-ms",
      "idleTimeoutMs | soon    | must be a number",
      "writeRate   | 0        | write-rate",
      "writeBurst  | 1.5      | must be a whole number",
      "wsMaxMessageBytes | 255 | ws-max-message-bytes",
      "corsOrigins | '*'      | '*' is not an origin",
      "corsOrigins | 'https://a.example/path' | is not an origin",
      "cluster     | sometimes | cluster (THERMOBUS_CLUSTER, --cluster): must be true or false",
      "clusterName | 'a b'    | clusterName (THERMOBUS_CLUSTER_NAME, --cluster-name): must be 1 to 64 of",
      "clusterHost | localhost | clusterHost (THERMOBUS_CLUSTER_HOST, --cluster-host): must be an IPv4 address",
      "clusterHost | 256.0.0.1 | must be an IPv4 address",
      "clusterHost | 0.0.0.0  | must be an IPv4 address",
      "clusterPort | 0        | cluster-port",
      "clusterPort | 65536    | cluster-port",
      "clusterMembers | '127.0.0.1'        | '127.0.0.1' is not a member: write host:port",
      "clusterMembers | '127.0.0.1:5701,a:0' | 'a:0' is not a member",
      "clusterMembers | 'a:70000'          | 'a:70000' is not a member",
      "clusterMembers | 'a b:5701'         | is not a member",
      "eventBusHost | 'a b'   | eventBusHost (THERMOBUS_EVENT_BUS_HOST, --event-bus-host): must be a host name",
      "eventBusPort | -1      | event-bus-port",
  })
  void rejectsBadValuesNamingTheKey(String key, String value, String message) {
    JsonObject merged = new JsonObject().put(key, value);
    assertThatThrownBy(() -> ThermobusConfig.from(merged))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConfigOption.class)
  void everyKeyRefusesAStructuredValueNamingItself(ConfigOption option) {
    JsonObject merged = new JsonObject().put(option.key(), new JsonObject().put("nested", 1));
    assertThatThrownBy(() -> ThermobusConfig.from(merged))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(option.describeKey() + ": ");
  }

  @Test
  void clusteringIsOffByDefaultAndOnePortPerNodeOnLoopback() {
    ClusterSettings cluster = ThermobusConfig.defaults().cluster();
    assertThat(cluster).isEqualTo(new ClusterSettings(false, "thermobus", "127.0.0.1", 5701, List.of(), "127.0.0.1", 0));
    assertThat(cluster.nodeId()).isEqualTo("127.0.0.1:5701");
  }

  @Test
  void readsClusterMembersAsTextOrAsAListAndTheEventBusHostApart() {
    ThermobusConfig fromText = ThermobusConfig.from(new JsonObject()
        .put("cluster", "true").put("clusterPort", "5702").put("clusterMembers", " 127.0.0.1:5701, node-b.lan:5703 ,"));
    assertThat(fromText.cluster().enabled()).isTrue();
    assertThat(fromText.cluster().members()).containsExactly("127.0.0.1:5701", "node-b.lan:5703");
    assertThat(fromText.cluster().nodeId()).isEqualTo("127.0.0.1:5702");
    ThermobusConfig fromFile = ThermobusConfig.from(new JsonObject().put("cluster", true)
        .put("clusterMembers", new JsonArray().add("10.0.0.2:5701")).put("eventBusHost", "10.0.0.9").put("eventBusPort", 17001));
    assertThat(fromFile.cluster().members()).containsExactly("10.0.0.2:5701");
    assertThat(fromFile.cluster().eventBusHost()).isEqualTo("10.0.0.9");
    assertThat(fromFile.cluster().eventBusPort()).isEqualTo(17001);
  }

  @Test
  void logSettingsDefaultToReadableInfoAndIgnoreCase() {
    assertThat(ThermobusConfig.defaults().log())
        .isEqualTo(new LogSettings(LogFormat.TEXT, Level.INFO));
    assertThat(ThermobusConfig.from(new JsonObject().put("logFormat", "JSON").put("logLevel", "Debug")).log())
        .isEqualTo(new LogSettings(LogFormat.JSON, Level.DEBUG));
  }

  @Test
  void zoneEntriesOfAFileAreNamesOrObjectsWithTheirOwnInitialValues() {
    ThermobusConfig config = ThermobusConfig.from(new JsonObject().put("zones", new JsonArray()
        .add("home")
        .add(new JsonObject().put("name", "attic").put("desired", 19.5).put("initialTemperature", 18))));
    assertThat(config.zones()).containsExactly(
        ZoneSpec.simulated("home", 2100, 2090), ZoneSpec.simulated("attic", 1950, 1800));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"Attic\"}                          | 'Attic' is not a zone name",
      "{\"desired\": 20}                               | '' is not a zone name",
      "{\"name\": \"attic\", \"desired\": 50}          | zone 'attic': desired must lie between desiredMin and desiredMax",
      "{\"name\": \"attic\", \"initialTemperature\": \"x\"} | zone 'attic': initialTemperature must be a number",
      "{\"name\": \"attic\", \"initialTemperature\": 500} | zone 'attic': initialTemperature must be from -50 to 100 °C",
      "{\"name\": \"attic\", \"colour\": \"red\"}       | a zone entry has an unknown key 'colour'",
      "{\"name\": \"attic\", \"source\": {\"type\": \"gas\"}} | zone 'attic': source.type: must be \"sim\" or \"mqtt\"",
      "{\"name\": \"attic\", \"source\": {\"type\": \"mqtt\", \"sensorTopic\": \"s\", \"heaterTopic\": \"h\"}} | zone 'attic': source.type: \"mqtt\" needs a broker"})
  void refusesABadZoneEntryNamingIt(String entry, String message) {
    JsonObject merged = new JsonObject().put("zones", new JsonArray().add(new JsonObject(entry)));
    assertThatThrownBy(() -> ThermobusConfig.from(merged)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void aZoneEntryOfAFileTakesAnMqttSourceWhenABrokerIsConfigured() {
    JsonObject source = new JsonObject().put("type", "mqtt").put("sensorTopic", "s").put("heaterTopic", "h");
    ThermobusConfig config = ThermobusConfig.from(new JsonObject().put("mqttUrl", "mqtt://127.0.0.1:1883")
        .put("zones", new JsonArray().add("home").add(new JsonObject().put("name", "attic").put("source", source))));
    assertThat(config.zones().get(0).source()).isEqualTo(ZoneSource.SIM);
    assertThat(config.zones().get(1).source()).isEqualTo(ZoneSource.parse(source.getMap(), true));
  }

  @Test
  void refusesMoreZonesThanTheLimit() {
    assertThatThrownBy(() -> ThermobusConfig.from(new JsonObject().put("zones", "a,b,c").put("maxZones", 2)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("names 3 zones, more than maxZones (2)");
    assertThat(ThermobusConfig.defaults().maxZones()).isEqualTo(100_000);
  }

  @Test
  void acceptsTypedValuesFromFiles() {
    ThermobusConfig config = ThermobusConfig.from(new JsonObject()
        .put("port", 0).put("timeScale", 2.5).put("console", true).put("coldTolerance", 0.2).put("actuatorDelay", 1.5));
    assertThat(config.port()).isZero();
    assertThat(config.timeScale()).isEqualTo(2.5);
    assertThat(config.console()).isTrue();
    assertThat(config.thermostat().coldToleranceCenti()).isEqualTo(20);
    assertThat(config.actuatorDelay()).isEqualTo(Duration.ofMillis(1500));
  }
}
