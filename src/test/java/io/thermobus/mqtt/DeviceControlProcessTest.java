package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.RunningService;
import io.thermobus.testing.ServiceProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Thermobus controls a {@code device} process's room through a real Mosquitto, as the README's demo does. */
class DeviceControlProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private MosquittoBroker broker;
  private Vertx vertx;
  private ServiceProcess device;
  private RunningService service;
  private PlainMqttClient watcher;

  @BeforeEach
  void start() throws Exception {
    MosquittoBroker.assumeInstalled();
    broker = MosquittoBroker.start();
    vertx = Vertx.vertx();
    watcher = PlainMqttClient.connect(vertx, broker.port()).follow("lab/attic/#");
    device = ServiceProcess.start(Map.of(), "device", "--zone", "attic", "--broker", broker.url(),
        "--topic-prefix", "lab", "--time-scale", "100");
    JsonObject source = new JsonObject().put("type", "mqtt").put("sensorTopic", "lab/attic/temperature")
        .put("heaterTopic", "lab/attic/heater/set").put("stateTopic", "lab/attic/heater");
    service = RunningService.start(vertx, new JsonObject().put("mqttUrl", broker.url()).put("initialDesired", 21.5)
        .put("zones", new JsonArray().add(new JsonObject().put("name", "attic").put("source", source))));
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    if (watcher != null) {
      watcher.close();
    }
    if (vertx != null) {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldHeatTheDevicesRoomToItsSetpointAndHoldItThere() throws Exception {
    await("the room warms to its setpoint").atMost(WAIT).until(() -> {
      List<BigDecimal> readings = readings(); // one copy: readings keep arriving meanwhile
      return !readings.isEmpty() && readings.get(readings.size() - 1).compareTo(new BigDecimal("21.50")) >= 0;
    });
    assertThat(watcher.payloadsOn("lab/attic/heater/set")).contains("ON");
    int settled = readings().size();
    await("it keeps taking readings").atMost(WAIT).until(() -> readings().size() >= settled + 100);
    List<BigDecimal> held = readings().subList(settled, settled + 100);
    assertThat(held).allSatisfy(celsius -> assertThat(celsius).isBetween(new BigDecimal("21.20"), new BigDecimal("21.80")));
    assertThat(watcher.payloadsOn("lab/attic/heater/set")).as("the thermostat switched it off too").contains("OFF");
    JsonObject attic = service.send(HttpMethod.GET, "/api/zones/attic", null, null, null).bodyAsJsonObject();
    assertThat(attic.getValue("fault")).as("the relay confirmed every command").isNull();
    assertThat(attic.getString("readings")).isEqualTo("live");
  }

  private List<BigDecimal> readings() {
    return watcher.payloadsOn("lab/attic/temperature").stream().map(BigDecimal::new).toList();
  }
}
