package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.event.EventCodec;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvents;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RoomVerticleTest {

  private final ZoneDirectory directory = new ZoneDirectory(2, 10, List.of(
      ZoneSpec.simulated("home", 2100, 2090), ZoneSpec.simulated("kitchen", 2100, 1500)));

  @Test
  void appliesHeatLossAlwaysAndHeatOnlyWhileTheHeaterIsSwitchedOn(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    List<Integer> readings = new CopyOnWriteArrayList<>();
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> {
      if (m.body().zone().equals("home")) {
        readings.add(m.body().centi());
      }
    });
    deployRooms(vertx);
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.equals(List.of(2090)));

    send(vertx, new TemperatureDelta("home", 3, TemperatureDelta.HEATER));
    send(vertx, new TemperatureDelta("home", -1, TemperatureDelta.HEAT_LOSS));
    switchHeater(vertx, true);
    send(vertx, new TemperatureDelta("home", 3, TemperatureDelta.HEATER));
    switchHeater(vertx, false);
    send(vertx, new TemperatureDelta("home", 3, TemperatureDelta.HEATER));
    send(vertx, new TemperatureDelta("home", -1, TemperatureDelta.HEAT_LOSS));

    await().atMost(Duration.ofSeconds(10)).until(() -> readings.size() == 4);
    assertThat(readings).as("heat sent while switched off is dropped").containsExactly(2090, 2089, 2092, 2091);
  }

  @Test
  void aZonesEventsReachOnlyTheShardThatHostsIt(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    Map<String, Integer> latest = new ConcurrentHashMap<>();
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> latest.put(m.body().zone(), m.body().centi()));
    deployRooms(vertx);
    await().atMost(Duration.ofSeconds(10)).until(() -> latest.size() == 2);
    assertThat(directory.shardOf("home")).as("the two zones live on different shards").isNotEqualTo(directory.shardOf("kitchen"));

    int atticShard = directory.shardOf("kitchen");
    vertx.eventBus().send(Concern.ROOM.address(atticShard), new TemperatureDelta("home", -50, TemperatureDelta.HEAT_LOSS));
    send(vertx, new TemperatureDelta("kitchen", -1, TemperatureDelta.HEAT_LOSS));

    await().atMost(Duration.ofSeconds(10)).until(() -> latest.get("kitchen") == 1499);
    assertThat(latest.get("home")).as("a shard ignores a zone it does not host").isEqualTo(2090);
  }

  private void deployRooms(Vertx vertx) throws Exception {
    for (int shard = 0; shard < directory.shards(); shard++) {
      vertx.deployVerticle(new RoomVerticle(shard, directory, Physics.CHAPTER, SimClock.system(1))).await(10, TimeUnit.SECONDS);
    }
  }

  private void send(Vertx vertx, TemperatureDelta delta) {
    vertx.eventBus().send(Concern.ROOM.address(directory.shardOf(delta.zone())), delta);
  }

  private void switchHeater(Vertx vertx, boolean on) {
    new ZoneEvents(vertx.eventBus(), directory).publish(new HeaterSwitched("home", on, false, 2090, 2100, Instant.now()));
  }
}
