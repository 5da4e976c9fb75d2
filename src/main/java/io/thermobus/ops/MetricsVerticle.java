package io.thermobus.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Owns the service's own meters: per zone, fed from the topic events whatever zone they come from
 * (it only listens, it never asks another verticle for its state), and the bus's, read from the
 * bus's own thread-safe snapshot. They are removed when it stops.
 */
public final class MetricsVerticle extends VerticleBase {

  private final MeterRegistry registry;
  private final BusMeters bus;
  // Owned by this verticle's event loop.
  private final Map<String, ZoneMeters> zones = new HashMap<>();
  private List<Meter> busMeters = List.of();

  public MetricsVerticle(MeterRegistry registry, SubscriberBus<?> bus) {
    this.registry = registry;
    this.bus = new BusMeters(bus, System::nanoTime);
  }

  @Override
  public Future<?> start() {
    busMeters = bus.register(registry);
    return Future.all(
        on(Topic.TEMPERATURE, (ZoneMeters meters, TemperatureChanged event) -> meters.temperature(event.centi())),
        on(Topic.DESIRED, (ZoneMeters meters, DesiredChanged event) -> meters.desired(event.centi())),
        on(Topic.HEATER, (ZoneMeters meters, HeaterSwitched event) -> meters.heater(event.on())));
  }

  @Override
  public Future<?> stop() {
    zones.values().forEach(ZoneMeters::remove);
    zones.clear();
    busMeters.forEach(registry::remove);
    return Future.succeededFuture();
  }

  private <E extends ZoneEvent> Future<Void> on(Topic topic, BiConsumer<ZoneMeters, E> update) {
    return vertx.eventBus().<E>consumer(topic.address(), (Message<E> message) -> {
      E event = message.body();
      update.accept(zones.computeIfAbsent(event.zone(), zone -> new ZoneMeters(registry, zone, System::nanoTime)), event);
    }).completion();
  }
}
