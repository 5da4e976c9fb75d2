package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.cluster.LocalNode;
import io.thermobus.event.Concern;
import io.thermobus.event.EventCodec;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvents;
import io.thermobus.zone.ZoneAdded;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room, heater and heat-loss shards on a manual wall clock: a stall of the event loops (the
 * clock jumps while no timer ran) leaves every room exactly where the physics puts it.
 */
@ExtendWith(VertxExtension.class)
class ShardPhysicsStallTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong wall = new AtomicLong();
  private final SimClock clock = new SimClock(1, wall::get);
  private final ZoneDirectory directory = new ZoneDirectory(1, 10, List.of(
      ZoneSpec.simulated("home", 2100, 2090), ZoneSpec.simulated("cellar", 2100, 1500)));
  private final Map<String, Integer> latest = new ConcurrentHashMap<>();

  @Test
  void shouldApplyEveryPeriodThatElapsedDuringAStall(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> latest.put(m.body().zone(), m.body().centi()));
    vertx.deployVerticle(new HeaterVerticle(0, directory, Physics.CHAPTER, clock, new LocalNode("test", directory))).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new RoomVerticle(0, directory, Physics.CHAPTER, clock)).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new HeatLossVerticle(0, directory, Physics.CHAPTER, clock)).await(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> latest.size() == 2);

    new ZoneEvents(vertx.eventBus(), directory).publish(new HeaterSwitched("home", true, false, 2090, 2100, Instant.now()));
    settled(vertx);

    wall.addAndGet(31 * SECOND + SECOND / 2); // a stall: 31.5 s pass while no timer fires
    await("every period of the stall applied").atMost(Duration.ofSeconds(10))
        .until(() -> latest.get("home") == 2090 + 10 * 3 - losses("home") && latest.get("cellar") == 1500 - losses("cellar"));

    wall.addAndGet(SECOND + SECOND / 2); // 33 s: the heater's eleventh period completes, no earlier and no later
    await("the eleventh heater period").atMost(Duration.ofSeconds(10))
        .until(() -> latest.get("home") == 2090 + 11 * 3 - losses("home") && latest.get("cellar") == 1500 - losses("cellar"));
    assertThat(clock.now()).isEqualTo(33 * SECOND);
  }

  /** Heat-loss periods completed by now: each zone's loss runs on its own phase from the start. */
  private long losses(String zone) {
    return (clock.now() + Physics.CHAPTER.lossPhaseNanos(zone)) / (3 * SECOND);
  }

  /** Shards take their messages in order: once they answered a later one, the switch is applied. */
  private void settled(Vertx vertx) throws Exception {
    ZoneAdded probe = new ZoneAdded(ZoneSpec.simulated("probe", 2100, 2000));
    directory.add(probe.spec());
    vertx.eventBus().request(Concern.HEATER.address(0), probe).await(10, TimeUnit.SECONDS);
    vertx.eventBus().request(Concern.ROOM.address(0), probe).await(10, TimeUnit.SECONDS);
  }
}
