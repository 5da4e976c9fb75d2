package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.control.ControlSettings;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.event.EventCodec;
import io.thermobus.event.SetWindow;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A room shard deployed after its heat-loss shard (as after a failure) takes the open window into its thermal room. */
@ExtendWith(VertxExtension.class)
class ThermalRoomShardTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong wall = new AtomicLong();
  private final SimClock clock = new SimClock(1, wall::get);
  private final ZoneDirectory directory = new ZoneDirectory(1, 10, List.of(ZoneSpec.simulated("home", 2100, 2000)));

  @Test
  void shouldCoolAThermalRoomThroughTheWindowItsHeatLossShardHasOpen(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    AtomicInteger latest = new AtomicInteger();
    AtomicInteger published = new AtomicInteger();
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> {
      latest.set(m.body().centi());
      published.incrementAndGet();
    });
    vertx.deployVerticle(new HeatLossVerticle(0, directory, Physics.CHAPTER, clock)).await(10, TimeUnit.SECONDS);
    vertx.eventBus().request(Concern.HEAT_LOSS.address(0), new SetWindow("home", true, 7200)).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new RoomVerticle(0, directory, Physics.CHAPTER, clock)).await(10, TimeUnit.SECONDS);

    // UA 60 W/K and 300 more through the window, 1000 kJ/K, 0 °C outside.
    RoomModel thermal = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1000, 60, 300, 0, List.of());
    ControlSettings chapter = ControlSettings.CHAPTER;
    vertx.eventBus().send(Concern.ROOM.address(0), new ControlChanged("home", new ControlSettings(chapter.controller(),
        chapter.hysteresis(), chapter.tpi(), chapter.pid(), chapter.predictive(), chapter.protections(), 0, thermal)));
    await("the room switched to the thermal model").atMost(Duration.ofSeconds(10)).until(() -> published.get() == 2);
    wall.addAndGet(3600 * SECOND);

    int expected = (int) Math.round(2000 * Math.exp(-3600 * 360 / 1e6));
    await("an hour with the window open").atMost(Duration.ofSeconds(10)).until(() -> latest.get() == expected);
    assertThat(expected).as("closed, it would be at %d", Math.round(2000 * Math.exp(-3600 * 60 / 1e6))).isLessThan(600);
  }
}
