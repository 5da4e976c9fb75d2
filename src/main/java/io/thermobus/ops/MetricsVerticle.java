package io.thermobus.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Feeds the service's own meters from the topic events: per zone, whatever zone an event comes
 * from. It only listens; it never asks another verticle for its state.
 */
public final class MetricsVerticle extends VerticleBase {

  private final MeterRegistry registry;
  private final Map<String, ZoneMeters> zones = new HashMap<>(); // owned by this verticle's event loop

  public MetricsVerticle(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        on(Topic.TEMPERATURE, (ZoneMeters meters, TemperatureChanged event) -> meters.temperature(event.centi())),
        on(Topic.DESIRED, (ZoneMeters meters, DesiredChanged event) -> meters.desired(event.centi())),
        on(Topic.HEATER, (ZoneMeters meters, HeaterSwitched event) -> meters.heater(event.on())));
  }

  @Override
  public Future<?> stop() {
    zones.values().forEach(ZoneMeters::remove);
    zones.clear();
    return Future.succeededFuture();
  }

  private <E extends ZoneEvent> Future<Void> on(Topic topic, BiConsumer<ZoneMeters, E> update) {
    return vertx.eventBus().<E>consumer(topic.address(), (Message<E> message) -> {
      E event = message.body();
      update.accept(zones.computeIfAbsent(event.zone(), zone -> new ZoneMeters(registry, zone, System::nanoTime)), event);
    }).completion();
  }
}
