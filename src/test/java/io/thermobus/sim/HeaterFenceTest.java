package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.Concern;
import io.thermobus.event.EventCodec;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.ZoneEvents;
import io.thermobus.testing.StaleClaims;
import io.thermobus.zone.ZoneAdded;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A heater shard obeys a switch on only while the ownership admits this node's fence for the zone. */
@ExtendWith(VertxExtension.class)
class HeaterFenceTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong wall = new AtomicLong();
  private final SimClock clock = new SimClock(1, wall::get);
  private final ZoneDirectory directory = new ZoneDirectory(1, 10, List.of(
      ZoneSpec.simulated("home", 2100, 2000), ZoneSpec.simulated("moved", 2100, 2000)));
  private final List<String> heated = new CopyOnWriteArrayList<>();

  @Test
  void shouldHeatOnlyTheZoneWhoseFenceIsAdmitted(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    vertx.eventBus().<Object>localConsumer(Concern.ROOM.address(0), message -> {
      if (message.body() instanceof TemperatureDelta delta) {
        heated.add(delta.zone());
      }
    });
    vertx.deployVerticle(new HeaterVerticle(0, directory, Physics.CHAPTER, clock, new StaleClaims(Set.of("home", "moved"), Set.of("home")))).await(10, TimeUnit.SECONDS);
    ZoneEvents events = new ZoneEvents(vertx.eventBus(), directory);
    events.publish(new HeaterSwitched("moved", true, false, 2000, 2100, Instant.now()));
    events.publish(new HeaterSwitched("home", true, false, 2000, 2100, Instant.now()));
    settled(vertx, "probe-1");

    wall.addAndGet(3 * SECOND + SECOND / 2);
    await("the admitted zone heats").atMost(Duration.ofSeconds(10)).until(() -> heated.contains("home"));
    settled(vertx, "probe-2");
    assertThat(Set.copyOf(heated)).as("the zone under a stale fence stays unheated").containsOnly("home");
  }

  /** The shard takes its messages in order: once it answered a later one, the earlier ones are handled. */
  private void settled(Vertx vertx, String probe) throws Exception {
    ZoneAdded added = new ZoneAdded(ZoneSpec.simulated(probe, 2100, 2000));
    directory.add(added.spec());
    vertx.eventBus().request(Concern.HEATER.address(0), added).await(10, TimeUnit.SECONDS);
  }
}
