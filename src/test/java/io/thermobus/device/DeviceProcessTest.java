package io.thermobus.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.ServiceProcess;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar thermobus.jar device} as its own JVM on a real Mosquitto, watched and commanded by
 * a plain MQTT client: it publishes readings, obeys ON and OFF, confirms them, and says goodbye.
 */
class DeviceProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private MosquittoBroker broker;
  private Vertx vertx;
  private PlainMqttClient client;
  private ServiceProcess device;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoBroker.start();
    vertx = Vertx.vertx();
    client = PlainMqttClient.connect(vertx, broker.port()).follow("lab/attic/#");
    // 3 simulated seconds per step at 100x: a reading every 30 ms of wall time.
    device = ServiceProcess.start(Map.of(), "device", "--zone", "attic", "--broker", broker.url(),
        "--topic-prefix", "lab", "--time-scale", "100");
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    client.close();
    vertx.close().await(20, TimeUnit.SECONDS);
    broker.close();
  }

  @Test
  void publishesFallingReadingsWithItsHeaterOffAndSaysSo() {
    await().atMost(WAIT).until(() -> readings().size() >= 5);
    assertThat(device.stdout).anyMatch(line -> line.contains("readings on lab/attic/temperature")
        && line.contains("commands on lab/attic/heater/set") && line.contains("heater state on lab/attic/heater"));
    List<BigDecimal> readings = readings();
    // The room cools from 20.90 °C from the start; readings before the connection are lost, as a real sensor's.
    assertThat(readings.get(0)).isLessThanOrEqualTo(new BigDecimal("20.90")).isGreaterThan(new BigDecimal("19.00"));
    assertThat(readings).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(client.payloadsOn("lab/attic/heater")).contains("OFF");
    assertThat(client.payloadsOn("lab/attic/status")).contains("online");
  }

  @Test
  void obeysOnAndOffConfirmingEachAndIgnoresAnythingElse() throws Exception {
    await().atMost(WAIT).until(() -> readings().size() >= 2);
    client.publish("lab/attic/heater/set", "ON", false);
    await().atMost(WAIT).until(() -> client.payloadsOn("lab/attic/heater").contains("ON"));
    int atOn = readings().size();
    // With the heater on the room gains 0.03 °C a period and loses 0.01: it warms.
    await().atMost(WAIT).until(() -> readings().size() >= atOn + 20);
    List<BigDecimal> warming = readings().subList(atOn, readings().size());
    assertThat(warming.get(warming.size() - 1)).isGreaterThan(warming.get(0));

    int confirmations = client.payloadsOn("lab/attic/heater").size();
    client.publish("lab/attic/heater/set", "MAYBE", false);
    client.publish("lab/attic/heater/set", "OFF", false);
    await().atMost(WAIT).until(() -> client.payloadsOn("lab/attic/heater").size() > confirmations);
    assertThat(client.payloadsOn("lab/attic/heater").subList(confirmations, client.payloadsOn("lab/attic/heater").size()))
        .containsOnly("OFF");
    int atOff = readings().size();
    await().atMost(WAIT).until(() -> readings().size() >= atOff + 10);
    List<BigDecimal> cooling = readings().subList(atOff, readings().size());
    assertThat(cooling).isSortedAccordingTo((a, b) -> b.compareTo(a));
    await().atMost(WAIT).until(() -> device.stderr.stream().anyMatch(line -> line.contains("ignored 'MAYBE'")));
  }

  @Test
  void saysOfflineRetainedWhenStopped() throws Exception {
    await().atMost(WAIT).until(() -> client.payloadsOn("lab/attic/status").contains("online"));
    device.process.destroy();
    assertThat(device.waitForExit(20)).isZero();
    device = null;
    await().atMost(WAIT).until(() -> client.payloadsOn("lab/attic/status").contains("offline"));
  }

  @Test
  void refusesAMissingZoneWithExitStatusTwo() throws Exception {
    device.close();
    device = ServiceProcess.start(Map.of(), "device", "--broker", broker.url());
    assertThat(device.waitForExit(30)).isEqualTo(2);
    assertThat(device.stderr).anyMatch(line -> line.equals("thermobus device: --zone is required"));
    device = null;
  }

  @Test
  void describesItsOptionsAndTopicsInItsHelp() throws Exception {
    device.close();
    device = ServiceProcess.start(Map.of(), "device", "--help");
    assertThat(device.waitForExit(30)).isZero();
    assertThat(device.allOutput()).contains("--zone").contains("--broker").contains("--topic-prefix").contains("--time-scale")
        .contains("PREFIX/ZONE/heater/set").contains("THERMOBUS_MQTT_PASSWORD");
    device = null;
  }

  private List<BigDecimal> readings() {
    return client.payloadsOn("lab/attic/temperature").stream().map(BigDecimal::new).toList();
  }
}
