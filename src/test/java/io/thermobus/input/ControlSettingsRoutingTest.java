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
    sent.clear();
    settings("home", "{\"controller\": \"hysteresis\", \"room\": {\"model\": \"thermal\"}}");

    List<String> hosts = addresses("home", Concern.DISPLAY, Concern.ROOM);
    awaitLong().untilAsserted(() -> assertThat(addressesOf(delivered, "home")).containsAll(hosts));
    assertThat(addressesOf(sent, "home")).containsExactlyInAnyOrderElementsOf(hosts);
  }

  @Test
  void shouldSendAnMqttZonesControlSettingsToItsDisplayAndDeviceShardsOnly() throws Exception {
    sent.clear();
    settings("attic", "{\"protections\": {\"minOnSeconds\": 3, \"minOffSeconds\": 2}}");

    List<String> hosts = addresses("attic", Concern.DISPLAY, Concern.DEVICE);
    awaitLong().untilAsserted(() -> assertThat(addressesOf(delivered, "attic")).containsAll(hosts));
    assertThat(addressesOf(sent, "attic")).containsExactlyInAnyOrderElementsOf(hosts);
  }

  @Test
  void shouldSendNoZonesControlSettingsToAShardThatDoesNotHostIt() {
    // From the start on, including what the input shards announce as they start.
    assertThat(addressesOf(sent, "home")).doesNotContain(addresses("home", Concern.DEVICE).get(0));
    assertThat(addressesOf(sent, "attic")).doesNotContain(addresses("attic", Concern.ROOM).get(0));
  }

  private void settings(String zone, String body) throws Exception {
    assertThat(rig.service.send(HttpMethod.PUT, "/api/zones/" + zone + "/settings", BEARER, "application/json", body)
        .statusCode()).isEqualTo(200);
  }

  private List<String> addresses(String zone, Concern... concerns) {
    int shard = rig.service.running.directory().shardOf(zone);
    return List.of(concerns).stream().map(concern -> concern.address(shard)).toList();
  }

  private static List<String> addressesOf(Queue<Seen> seen, String zone) {
    return seen.stream().filter(one -> one.zone().equals(zone)).map(Seen::address).toList();
  }
}
