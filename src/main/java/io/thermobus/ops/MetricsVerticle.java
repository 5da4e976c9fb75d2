package io.thermobus.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.thermobus.sim.SimClock;
import io.thermobus.stream.StreamStats;
import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Owns the service's own meters: per zone, fed from the topic events whatever zone they come from
 * (it only listens, it never asks another verticle for its state), for at most {@code zoneMeters}
 * zones (the first to report) so a node of 100,000 zones does not export 600,000 series; the
 * node-wide zone meters (hosted, heating) count every zone. The bus's are read from the bus's own
 * thread-safe snapshot, the browser streams' from their thread-safe counters. They are removed
 * when it stops; a deleted zone's at the next sweep.
 */
public final class MetricsVerticle extends VerticleBase {

  private static final long SWEEP_MS = 10_000;

  private final MeterRegistry registry;
  private final BusMeters bus;
  private final StreamStats streams;
  // Owned by this verticle's event loop.
  private final Map<String, ZoneMeters> zones = new HashMap<>();
  private final Set<String> heating = new HashSet<>();
  private final ZoneDirectory directory;
  private final int zoneMeters;
  private final SimClock clock;
  private List<Meter> sharedMeters = List.of();

  public MetricsVerticle(MeterRegistry registry, SubscriberBus<?> bus, StreamStats streams, ZoneDirectory directory,
                         int zoneMeters, SimClock clock) {
    this.registry = registry;
    this.clock = clock;
    this.directory = directory;
    this.zoneMeters = zoneMeters;
    this.bus = new BusMeters(bus, System::nanoTime);
    this.streams = streams;
  }

  @Override
  public Future<?> start() {
    List<Meter> shared = new ArrayList<>(bus.register(registry));
    shared.add(Gauge.builder("thermobus.stream.connections", streams, StreamStats::openConnections)
        .description("open browser streams, WebSocket and SSE").strongReference(true).register(registry));
    shared.add(FunctionCounter.builder("thermobus.stream.coalesced.frames", streams, StreamStats::coalescedFrames)
        .description("frames left out because a slow client got a later frame of the same zone and topic instead")
        .register(registry));
    shared.add(Gauge.builder("thermobus.zones", directory, ZoneDirectory::size)
        .description("zones this node hosts").strongReference(true).register(registry));
    // Read by scrapes on other threads: the size of a set this loop changes is a racy but harmless read.
    shared.add(Gauge.builder("thermobus.zones.heating", heating, Set::size)
        .description("zones whose heater is on").strongReference(true).register(registry));
    sharedMeters = List.copyOf(shared);
    vertx.setPeriodic(SWEEP_MS, id -> {
      forgetDeletedZones();
      zones.values().forEach(ZoneMeters::analyse);
    });
    return Future.all(
        on(Topic.TEMPERATURE, (ZoneMeters meters, TemperatureChanged event) -> meters.temperature(event.centi())),
        on(Topic.DESIRED, (ZoneMeters meters, DesiredChanged event) -> meters.desired(event.centi())),
        on(Topic.HEATER, (ZoneMeters meters, HeaterSwitched event) -> meters.heater(event.on())));
  }

  @Override
  public Future<?> stop() {
    zones.values().forEach(ZoneMeters::remove);
    zones.clear();
    sharedMeters.forEach(registry::remove);
    return Future.succeededFuture();
  }

  private <E extends ZoneEvent> Future<Void> on(Topic topic, BiConsumer<ZoneMeters, E> update) {
    return vertx.eventBus().<E>consumer(topic.address(), (Message<E> message) -> {
      E event = message.body();
      if (event instanceof HeaterSwitched switched) {
        if (switched.on()) {
          heating.add(switched.zone());
        } else {
          heating.remove(switched.zone());
        }
      }
      ZoneMeters meters = zones.get(event.zone());
      if (meters == null && zones.size() < zoneMeters && directory.hosts(event.zone())) {
        meters = new ZoneMeters(registry, event.zone(), System::nanoTime, clock::timeScale);
        zones.put(event.zone(), meters);
      }
      if (meters != null) {
        update.accept(meters, event);
        meters.trace(event);
      }
    }).completion();
  }

  private void forgetDeletedZones() {
    heating.removeIf(zone -> !directory.hosts(zone));
    zones.entrySet().removeIf(entry -> {
      boolean deleted = !directory.hosts(entry.getKey());
      if (deleted) {
        entry.getValue().remove();
      }
      return deleted;
    });
  }
}
