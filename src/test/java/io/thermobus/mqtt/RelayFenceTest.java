package io.thermobus.mqtt;

import static io.thermobus.testing.MqttRig.awaitLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thermobus.event.EventCodec;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.ZoneEvents;
import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.PlainMqttClient;
import io.thermobus.testing.StaleClaims;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device shard switches a relay on over a real Mosquitto only while the ownership admits this node's claim of its zone. */
class RelayFenceTest {

  private Vertx vertx;
  private MosquittoBroker broker;
  private PlainMqttClient relays;

  @BeforeEach
  void start() throws Exception {
    MosquittoBroker.assumeInstalled();
    vertx = Vertx.vertx();
    EventCodec.registerAll(vertx.eventBus());
    MqttAddresses.registerCodecs(vertx.eventBus());
    broker = MosquittoBroker.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (relays != null) {
      relays.close();
    }
    vertx.close().await(20, TimeUnit.SECONDS);
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldSwitchOnOnlyTheRelayOfAZoneWhoseClaimIsAdmitted() throws Exception {
    ZoneDirectory directory = new ZoneDirectory(1, 10, List.of(onDevices("home"), onDevices("moved")));
    MqttBrokerVerticle connection = new MqttBrokerVerticle(MqttBrokerVerticleTest.settings(broker, Optional.empty(), Optional.empty()),
        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1));
    vertx.deployVerticle(connection).await(20, TimeUnit.SECONDS);
    awaitLong().until(() -> connection.status().connected());
    relays = PlainMqttClient.connect(vertx, broker.port()).follow("dev/home/heater/set").follow("dev/moved/heater/set");
    vertx.deployVerticle(new DeviceVerticle(0, directory, connection::status,
        new StaleClaims(Set.of("home", "moved"), Set.of("home")), new SimpleMeterRegistry())).await(20, TimeUnit.SECONDS);

    ZoneEvents events = new ZoneEvents(vertx.eventBus(), directory);
    events.publish(new HeaterSwitched("moved", true, false, 2000, 2100, Instant.now()));
    events.publish(new HeaterSwitched("home", true, false, 2000, 2100, Instant.now()));
    // Both go out over the one connection in the order decided: once home's on is here, moved's would be too.
    awaitLong().until(() -> relays.payloadsOn("dev/home/heater/set").contains("ON"));
    assertThat(relays.payloadsOn("dev/moved/heater/set")).as("the relay of a zone claimed again elsewhere").doesNotContain("ON");

    events.publish(new HeaterSwitched("moved", false, false, 2200, 2100, Instant.now()));
    awaitLong().until(() -> relays.lastPayloadOn("dev/moved/heater/set").equals("OFF"));
  }

  private static ZoneSpec onDevices(String zone) {
    return new ZoneSpec(zone, 2100, 2000, ZoneSource.parse(Map.of("type", "mqtt", "sensorTopic", "dev/" + zone + "/temperature",
        "heaterTopic", "dev/" + zone + "/heater/set"), true));
  }
}
