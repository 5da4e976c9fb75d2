package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay on a real Mosquitto keeps its zone's minimum on and off times however fast the sensor
 * flaps, and the fail-safe's off still goes at once. The simulated clock runs 20 times faster than
 * the wall, so the thermostat's own minimum times (in simulated seconds) hold back little: what
 * spaces the commands here is the relay's hold, in wall seconds.
 */
class RelayProtectionTest {

  private static final String SENSOR = "dev/attic/temperature";
  private static final String COMMAND = "dev/attic/heater/set";
  private static final String BEARER = "Bearer " + RunningService.TOKEN;
  /** How much sooner than it was sent a command may arrive after the one before it, on a busy machine. */
  private static final long DELIVERY_JITTER_NANOS = Duration.ofMillis(250).toNanos();

  private Vertx vertx;
  private MosquittoBroker broker;
  private RunningService service;
  private PlainMqttClient device;

  @BeforeEach
  void start() throws Exception {
    MosquittoBroker.assumeInstalled();
    vertx = Vertx.vertx();
    broker = MosquittoBroker.start();
    JsonObject attic = new JsonObject().put("type", "mqtt").put("sensorTopic", SENSOR).put("heaterTopic", COMMAND);
    service = RunningService.start(vertx, new JsonObject().put("mqttUrl", broker.url()).put("timeScale", 20)
        .put("zones", new JsonArray().add(new JsonObject().put("name", "attic").put("source", attic))));
    device = PlainMqttClient.connect(vertx, broker.port()).follow(COMMAND);
    awaitLong().until(() -> RunningService.check(service.send(HttpMethod.GET, "/health/ready", null, null, null).bodyAsJsonObject(),
        "mqtt").getString("status").equals("UP"));
  }

  @AfterEach
  void stop() throws Exception {
    if (device != null) {
      device.close();
    }
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldSpaceTheCommandsOfAFlappingSensorByTheMinimumOnAndOffTimes() throws Exception {
    protections(3, 2);
    int before = device.received.size();
    // Readings on both sides of the setpoint, every 100 ms: the rule alone would switch each time.
    AtomicInteger readings = new AtomicInteger();
    awaitLong().atMost(Duration.ofSeconds(60)).until(() -> {
      device.publish(SENSOR, readings.getAndIncrement() % 2 == 0 ? "18.0" : "23.0", false);
      return switches(before).size() >= 5;
    });

    List<PlainMqttClient.Received> switches = switches(before);
    for (int i = 1; i < switches.size(); i++) {
      boolean wasOn = switches.get(i - 1).payload().equals("ON");
      long minimum = Duration.ofSeconds(wasOn ? 3 : 2).toNanos();
      assertThat(switches.get(i).atNanos() - switches.get(i - 1).atNanos())
          .as("switch %d, after %s", i, wasOn ? "on" : "off")
          .isGreaterThanOrEqualTo(minimum - DELIVERY_JITTER_NANOS);
    }
    assertThat(readings.get()).as("the sensor flapped far more often than the relay switched").isGreaterThan(4 * switches.size());
  }

  @Test
  void shouldCommandTheRelayOffAtOnceWhenReadingsGoStaleWhateverItsMinimumOnTime() throws Exception {
    protections(600, 0);
    device.publish(SENSOR, "18.0", false);
    awaitLong().until(() -> lastCommand().equals("ON"));
    long onAt = System.nanoTime();
    // No more readings: the fail-safe's off must not wait for the 600 s minimum on time.
    awaitLong().until(() -> lastCommand().equals("OFF"));
    assertThat(Duration.ofNanos(System.nanoTime() - onAt)).isLessThan(Duration.ofSeconds(60));
    assertThat(service.send(HttpMethod.GET, "/api/zones/attic", null, null, null).bodyAsJsonObject().getString("fault"))
        .contains("no temperature reading");
  }

  private void protections(long minOnSeconds, long minOffSeconds) throws Exception {
    String body = new JsonObject().put("protections", new JsonObject().put("minOnSeconds", minOnSeconds)
        .put("minOffSeconds", minOffSeconds)).encode();
    assertThat(service.send(HttpMethod.PUT, "/api/zones/attic/settings", BEARER, "application/json", body).statusCode())
        .isEqualTo(200);
  }

  /** The commands received since index {@code from} that changed the relay's state. */
  private List<PlainMqttClient.Received> switches(int from) {
    List<PlainMqttClient.Received> switches = new ArrayList<>();
    for (PlainMqttClient.Received message : device.received.subList(from, device.received.size())) {
      if (message.topic().equals(COMMAND)
          && (switches.isEmpty() || !switches.get(switches.size() - 1).payload().equals(message.payload()))) {
        switches.add(message);
      }
    }
    return switches;
  }

  private String lastCommand() {
    List<String> commands = device.payloadsOn(COMMAND);
    return commands.isEmpty() ? "" : commands.get(commands.size() - 1);
  }

  private static ConditionFactory awaitLong() {
    return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
  }
}
