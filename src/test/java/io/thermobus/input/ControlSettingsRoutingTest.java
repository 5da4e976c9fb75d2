package io.thermobus.input;

import static io.thermobus.testing.MqttRig.awaitLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.testing.MqttRig;
import io.thermobus.testing.RunningService;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A zone's new control settings reach the shards that host it, and only those: a simulated zone's
 * display and room shards, an MQTT zone's display and device shards, each delivered to its consumer.
 */
class ControlSettingsRoutingTest {

  private static final String BEARER = "Bearer " + RunningService.TOKEN;

  /** A sent or a delivered {@link ControlChanged}: its address and its zone. */
  private record Seen(String address, String zone) {}

  private final Queue<Seen> sent = new ConcurrentLinkedQueue<>();
  private final Queue<Seen> delivered = new ConcurrentLinkedQueue<>();
  private MqttRig rig;

  @BeforeEach
  void start() throws Exception {
    JsonObject attic = new JsonObject().put("type", "mqtt").put("sensorTopic", "dev/attic/temperature")
        .put("heaterTopic", "dev/attic/heater/set");
    rig = MqttRig.start(new JsonObject().put("zones", new JsonArray()
            .add(new JsonObject().put("name", "home"))
            .add(new JsonObject().put("name", "attic").put("source", attic))),
        vertx -> vertx.eventBus()
            .addOutboundInterceptor(context -> record(context, sent))
            .addInboundInterceptor(context -> record(context, delivered)));
  }

  private static void record(DeliveryContext<Object> context, Queue<Seen> seen) {
    if (context.body() instanceof ControlChanged changed) {
      seen.add(new Seen(context.message().address(), changed.zone()));
    }
    context.next();
  }

  @AfterEach
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void shouldSendASimulatedZonesControlSettingsToItsDisplayAndRoomShardsOnly() throws Exception {
    assertDeliveredOnlyTo("home", "{\"controller\": \"hysteresis\", \"room\": {\"model\": \"thermal\"}}",
        Concern.DISPLAY, Concern.ROOM);
  }

  @Test
  void shouldSendAnMqttZonesControlSettingsToItsDisplayAndDeviceShardsOnly() throws Exception {
    assertDeliveredOnlyTo("attic", "{\"protections\": {\"minOnSeconds\": 3, \"minOffSeconds\": 2}}",
        Concern.DISPLAY, Concern.DEVICE);
  }

  @Test
  void shouldSendNoZonesControlSettingsToAShardThatDoesNotHostIt() {
    // From the start on, including what the input shards announce as they start.
    assertThat(addressesOf(sent, "home")).doesNotContain(addresses("home", Concern.DEVICE).get(0));
    assertThat(addressesOf(sent, "attic")).doesNotContain(addresses("attic", Concern.ROOM).get(0));
  }

  /** Changes the zone's settings, then sees them delivered to the consumers of {@code hosts}' shards, and sent nowhere else. */
  private void assertDeliveredOnlyTo(String zone, String body, Concern... hosts) throws Exception {
    sent.clear();
    assertThat(rig.service.send(HttpMethod.PUT, "/api/zones/" + zone + "/settings", BEARER, "application/json", body)
        .statusCode()).isEqualTo(200);

    List<String> addresses = addresses(zone, hosts);
    awaitLong().untilAsserted(() -> assertThat(addressesOf(delivered, zone)).containsAll(addresses));
    assertThat(addressesOf(sent, zone)).containsExactlyInAnyOrderElementsOf(addresses);
  }

  private List<String> addresses(String zone, Concern... concerns) {
    int shard = rig.service.running.directory().shardOf(zone);
    return List.of(concerns).stream().map(concern -> concern.address(shard)).toList();
  }

  private static List<String> addressesOf(Queue<Seen> seen, String zone) {
    return seen.stream().filter(one -> one.zone().equals(zone)).map(Seen::address).toList();
  }
}
