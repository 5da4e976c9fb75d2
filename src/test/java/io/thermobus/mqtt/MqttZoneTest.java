package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static io.thermobus.testing.MqttRig.awaitLong;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.MqttRig;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.RunningService;
import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A zone on a sensor and a relay over a real Mosquitto: readings in, commands out, faults, bad payloads, a lost broker. */
class MqttZoneTest {

  private static final String SENSOR = "dev/attic/temperature";
  private static final String COMMAND = "dev/attic/heater/set";
  private static final String CELLAR_SENSOR = "dev/cellar/temperature";
  private static final String CELLAR_COMMAND = "dev/cellar/heater/set";
  private static final String CELLAR_STATE = "dev/cellar/heater";

  private MqttRig rig;
  private Vertx vertx;
  private MosquittoBroker broker;
  private RunningService service;
  private PlainMqttClient device;

  @BeforeEach
  void start() throws Exception {
    // The attic's relay does not confirm; the cellar's does, on its state topic.
    JsonObject attic = new JsonObject().put("type", "mqtt").put("sensorTopic", SENSOR).put("heaterTopic", COMMAND)
        .put("heaterRetain", true);
    JsonObject cellar = new JsonObject().put("type", "mqtt").put("sensorTopic", CELLAR_SENSOR).put("sensorField", "temperature")
        .put("heaterTopic", CELLAR_COMMAND)
        .put("stateTopic", CELLAR_STATE);
    rig = MqttRig.start(new JsonObject().put("staleTimeout", 2)
        .put("zones", new JsonArray().add("home").add(new JsonObject().put("name", "attic").put("source", attic))
            .add(new JsonObject().put("name", "cellar").put("source", cellar))));
    vertx = rig.vertx;
    broker = rig.broker;
    service = rig.service;
    device = PlainMqttClient.connect(vertx, broker.port()).follow(COMMAND).follow(CELLAR_COMMAND);
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void shouldLetReadingsDriveTheThermostatAndSendItsCommandsToTheRelay() throws Exception {
    device.publish(SENSOR, "18.5", false);
    awaitLong().until(() -> attic().getDouble("temperature") == 18.5 && attic().getBoolean("heaterOn"));
    awaitLong().until(() -> device.payloadsOn(COMMAND).contains("ON"));

    device.publish(SENSOR, "23.0", false);
    awaitLong().until(() -> !attic().getBoolean("heaterOn"));
    awaitLong().until(() -> lastCommand().equals("OFF"));
    assertThat(zone("home").getValue("temperature")).as("a simulated zone beside it runs as before").isNotNull();
  }

  @Test
  void shouldRaiseAFaultAndCommandOffWhenTheRelayContradictsItsCommandClearItWhenItConfirmsAndSwitchOffADeletedZone() throws Exception {
    device.publish(CELLAR_SENSOR, "{\"temperature\": 18.0}", false);
    awaitLong().until(() -> device.payloadsOn(CELLAR_COMMAND).contains("ON"));
    device.publish(CELLAR_STATE, "OFF", false);
    // The sensor goes on reporting, as a real one does, so the readings never go stale meanwhile.
    awaitLong().pollInterval(Duration.ofMillis(500)).until(() -> {
      device.publish(CELLAR_SENSOR, "{\"temperature\": 18.0}", false);
      return String.valueOf(zone("cellar").getString("fault")).contains("relay reports off, commanded on");
    });
    assertThat(zone("cellar").getString("fault")).contains("heater commanded off");
    awaitLong().until(() -> device.lastPayloadOn(CELLAR_COMMAND).equals("OFF"));
    device.publish(CELLAR_STATE, "ON", false);
    awaitLong().pollInterval(Duration.ofMillis(500)).until(() -> {
      device.publish(CELLAR_SENSOR, "{\"temperature\": 18.0}", false);
      return zone("cellar").getValue("fault") == null;
    });

    int commands = device.payloadsOn(CELLAR_COMMAND).size();
    assertThat(service.send(HttpMethod.DELETE, "/api/zones/cellar", "Bearer " + RunningService.TOKEN, null, null).statusCode())
        .isEqualTo(204);
    awaitLong().until(() -> device.payloadsOn(CELLAR_COMMAND).subList(commands, device.payloadsOn(CELLAR_COMMAND).size())
        .contains("OFF"));
  }

  @Test
  void shouldIgnoreEveryBadPayloadAndChangeNoState() throws Exception {
    device.publish(SENSOR, "19.25", false);
    awaitLong().until(() -> attic().getDouble("temperature") == 19.25);
    for (String bad : List.of("warm", "NaN", "150", "-80", "{\"temperature\": 20}", "", "1".repeat(5000))) {
      device.publish(SENSOR, bad, false);
    }
    device.publish(SENSOR, "19.5", false);
    awaitLong().until(() -> attic().getDouble("temperature") == 19.5);
    // A zone reading a JSON field: broken JSON, a missing or null field, a field that is no number.
    device.publish(CELLAR_SENSOR, "{\"temperature\": 19.25}", false);
    awaitLong().until(() -> zone("cellar").getDouble("temperature") == 19.25);
    for (String bad : List.of("{\"temperature\":", "{\"humidity\": 40}", "{\"temperature\": null}",
        "{\"temperature\": \"warm\"}", "19.5", "{\"temperature\": 1e400}")) {
      device.publish(CELLAR_SENSOR, bad, false);
    }
    device.publish(CELLAR_SENSOR, "{\"temperature\": \"19.5\"}", false);
    awaitLong().until(() -> zone("cellar").getDouble("temperature") == 19.5);
    // No bad payload got as far as the bus: each zone's only temperatures are its good readings.
    assertThat(temperaturesOnTheBus("attic")).containsOnly(1925, 1950);
    assertThat(temperaturesOnTheBus("cellar")).containsOnly(1925, 1950);

    String metrics = service.send(HttpMethod.GET, "/metrics", "Bearer " + RunningService.TOKEN, null, null).bodyAsString();
    for (String reason : List.of("not_a_number", "out_of_range", "oversized", "broken_json", "missing_field")) {
      assertThat(metrics).contains("thermobus_mqtt_payloads_rejected_total{reason=\"" + reason + "\"}");
    }
  }

  @Test
  void shouldCommandTheHeaterOffWhenTheBrokerIsBackAndResumeControl() throws Exception {
    device.publish(SENSOR, "18.0", false);
    awaitLong().until(() -> lastCommand().equals("ON"));
    device.close();
    broker.kill();
    awaitLong().until(() -> String.valueOf(attic().getString("fault")).contains("no temperature reading"));
    assertThat(attic().getBoolean("heaterOn")).as("the fail-safe switched it off").isFalse();

    broker.restart();
    rig.awaitConnected();
    device = PlainMqttClient.connect(vertx, broker.port()).follow(COMMAND);
    awaitLong().until(() -> lastCommand().equals("OFF"));

    device.publish(SENSOR, "18.0", false);
    awaitLong().until(() -> attic().getValue("fault") == null && attic().getBoolean("heaterOn"));
    awaitLong().until(() -> lastCommand().equals("ON"));
  }

  @Test
  void shouldAnnounceZonesToHomeAssistantApplyItsSetpointAndRemoveADeletedZone() throws Exception {
    String atticConfig = "homeassistant/climate/thermobus_attic/config";
    String kitchenConfig = "homeassistant/climate/thermobus_kitchen/config";
    PlainMqttClient homeAssistant = PlainMqttClient.connect(vertx, broker.port())
        .follow("homeassistant/climate/+/config").follow("thermobus/+/state");
    try {
      awaitLong().until(() -> homeAssistant.payloadsOn(atticConfig).stream()
          .anyMatch(config -> new JsonObject(config).getString("temperature_command_topic").equals("thermobus/attic/desired/set")));
      assertThat(homeAssistant.payloadsOn("homeassistant/climate/thermobus_home/config")).as("a simulated zone too").isNotEmpty();

      homeAssistant.publish("thermobus/attic/desired/set", "19.5", false);
      awaitLong().until(() -> attic().getDouble("desired") == 19.5);
      awaitLong().until(() -> homeAssistant.payloadsOn("thermobus/attic/state").stream()
          .anyMatch(state -> new JsonObject(state).getDouble("desired") == 19.5));
      homeAssistant.publish("thermobus/attic/desired/set", "99", false);
      homeAssistant.publish("thermobus/attic/desired/set", "warm", false);
      homeAssistant.publish("thermobus/attic/desired/set", "20", false);
      awaitLong().until(() -> attic().getDouble("desired") == 20.0);

      assertThat(service.send(HttpMethod.POST, "/api/zones", "Bearer " + RunningService.TOKEN, "application/json",
          "{\"zone\": \"kitchen\"}").statusCode()).isEqualTo(201);
      awaitLong().until(() -> !homeAssistant.payloadsOn(kitchenConfig).isEmpty());
      assertThat(service.send(HttpMethod.DELETE, "/api/zones/kitchen", "Bearer " + RunningService.TOKEN, null, null).statusCode())
          .isEqualTo(204);
      awaitLong().until(() -> homeAssistant.payloadsOn(kitchenConfig).contains(""));
    } finally {
      homeAssistant.close();
    }
  }

  @Test
  void shouldSayNothingMoreToTheRelayOfAZoneHandedOverToAnotherNode() throws Exception {
    String atticConfig = "homeassistant/climate/thermobus_attic/config";
    device.follow(atticConfig);
    device.publish(SENSOR, "18.0", false);
    awaitLong().until(() -> lastCommand().equals("ON") && !device.payloadsOn(atticConfig).isEmpty());
    int commands = device.payloadsOn(COMMAND).size();

    // What the cluster's adoption does on the node that lost the zone.
    new ZoneHosting(service.vertx.eventBus(), service.running.directory()).handOver("attic").await(20, TimeUnit.SECONDS);
    // A reading that would switch the heater off; then a marker of ours: a last off sent before the
    // hand-over completed (the broker took it) would arrive before it.
    device.publish(SENSOR, "25.0", false);
    device.publish(COMMAND, "MARK", false);
    awaitLong().until(() -> device.payloadsOn(COMMAND).contains("MARK"));
    // Past the stale timeout (2 s) and the relay's retry interval (2 s): a shard still driving the
    // zone would have sent its fail-safe's off or a repeat by then.
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
        .until(() -> device.payloadsOn(COMMAND).size() == commands + 1);
    assertThat(device.payloadsOn(COMMAND).subList(commands, device.payloadsOn(COMMAND).size())).containsExactly("MARK");
    assertThat(device.payloadsOn(atticConfig)).as("the new owner's Home Assistant entity stays").doesNotContain("");
    assertThat(service.send(HttpMethod.GET, "/api/zones/attic", null, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldShowWhatDrivesEachZoneInItsStateAsItsSourceObject() throws Exception {
    JsonObject cellar = new JsonObject().put("type", "mqtt").put("sensorTopic", CELLAR_SENSOR).put("sensorField", "temperature")
        .put("heaterTopic", CELLAR_COMMAND).put("heaterOn", "ON").put("heaterOff", "OFF").put("heaterQos", 1)
        .put("heaterRetain", false).put("stateTopic", CELLAR_STATE).put("stateOn", "ON").put("stateOff", "OFF");
    assertThat(zone("cellar").getJsonObject("source")).as("the source with its defaults filled in").isEqualTo(cellar);
    assertThat(zone("home").getJsonObject("source")).isEqualTo(new JsonObject().put("type", "sim"));

    JsonArray zones = service.send(HttpMethod.GET, "/api/zones", null, null, null).bodyAsJsonObject().getJsonArray("zones");
    assertThat(zones.stream().map(JsonObject.class::cast).map(state -> state.getJsonObject("source").getString("type")))
        .containsExactly("sim", "mqtt", "mqtt");
    assertThat(zones.getJsonObject(1).getJsonObject("source").getString("heaterTopic")).isEqualTo(COMMAND);
  }

  /** The zone's every temperature event the bus retains, in hundredths. */
  private List<Integer> temperaturesOnTheBus(String zone) throws Exception {
    JsonObject subscription = service.send(HttpMethod.POST, "/api/bus/subscriptions", "Bearer " + RunningService.TOKEN,
        "application/json", "{\"topics\": [\"temperature\"], \"from\": \"earliest\"}").bodyAsJsonObject();
    JsonArray events = service.send(HttpMethod.GET, "/api/bus/subscriptions/" + subscription.getLong("id") + "/events?max=1000",
        "Bearer " + subscription.getString("secret"), null, null).bodyAsJsonObject().getJsonArray("events");
    return events.stream().map(JsonObject.class::cast).filter(event -> zone.equals(event.getString("zone")))
        .map(event -> event.getJsonObject("data").getInteger("centi")).toList();
  }

  private String lastCommand() {
    return device.lastPayloadOn(COMMAND);
  }

  private JsonObject attic() throws Exception {
    return rig.zone("attic");
  }

  private JsonObject zone(String name) throws Exception {
    return rig.zone(name);
  }
}
