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
import io.thermobus.stream.StreamStats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Owns the service's own meters: per zone, fed from the topic events whatever zone they come from
 * (it only listens, it never asks another verticle for its state), and the bus's, read from the
 * bus's own thread-safe snapshot, and the browser streams', read from their thread-safe counters.
 * They are removed when it stops.
 */
public final class MetricsVerticle extends VerticleBase {

  private final MeterRegistry registry;
  private final BusMeters bus;
  private final StreamStats streams;
  // Owned by this verticle's event loop.
  private final Map<String, ZoneMeters> zones = new HashMap<>();
  private List<Meter> sharedMeters = List.of();

  public MetricsVerticle(MeterRegistry registry, SubscriberBus<?> bus, StreamStats streams) {
    this.registry = registry;
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
    sharedMeters = List.copyOf(shared);
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
      update.accept(zones.computeIfAbsent(event.zone(), zone -> new ZoneMeters(registry, zone, System::nanoTime)), event);
    }).completion();
  }
}
