package io.thermobus.mqtt;

import static io.thermobus.testing.MqttRig.awaitLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.MqttRig;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

  private MqttRig rig;
  private PlainMqttClient device;

  @BeforeEach
  void start() throws Exception {
    JsonObject attic = new JsonObject().put("type", "mqtt").put("sensorTopic", SENSOR).put("heaterTopic", COMMAND);
    rig = MqttRig.start(new JsonObject().put("timeScale", 20)
        .put("zones", new JsonArray().add(new JsonObject().put("name", "attic").put("source", attic))));
    device = PlainMqttClient.connect(rig.vertx, rig.broker.port()).follow(COMMAND);
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
    awaitLong().until(() -> device.lastPayloadOn(COMMAND).equals("ON"));
    long onAt = System.nanoTime();
    // No more readings: the fail-safe's off must not wait for the 600 s minimum on time.
    awaitLong().until(() -> device.lastPayloadOn(COMMAND).equals("OFF"));
    assertThat(Duration.ofNanos(System.nanoTime() - onAt)).isLessThan(Duration.ofSeconds(60));
    assertThat(rig.zone("attic").getString("fault"))
        .contains("no temperature reading");
  }

  private void protections(long minOnSeconds, long minOffSeconds) throws Exception {
    String body = new JsonObject().put("protections", new JsonObject().put("minOnSeconds", minOnSeconds)
        .put("minOffSeconds", minOffSeconds)).encode();
    assertThat(rig.service.send(HttpMethod.PUT, "/api/zones/attic/settings", BEARER, "application/json", body).statusCode())
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
}
