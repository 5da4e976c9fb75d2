package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Addresses;
import io.thermobus.event.EventCodec;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.Topic;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RoomVerticleTest {

  @Test
  void appliesHeatLossAlwaysAndHeatOnlyWhileTheHeaterIsSwitchedOn(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    List<Integer> readings = new CopyOnWriteArrayList<>();
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> readings.add(m.body().centi()));
    vertx.deployVerticle(new RoomVerticle("home", 2090)).await(10, TimeUnit.SECONDS);
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

  private static void send(Vertx vertx, TemperatureDelta delta) {
    vertx.eventBus().send(Addresses.roomDelta("home"), delta);
  }

  private static void switchHeater(Vertx vertx, boolean on) {
    vertx.eventBus().publish(Topic.HEATER.address(), new HeaterSwitched("home", on, 2090, 2100, Instant.now()));
  }
}
