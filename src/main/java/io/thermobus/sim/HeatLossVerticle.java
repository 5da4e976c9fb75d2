package io.thermobus.sim;

import io.thermobus.event.Concern;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.List;

/** One shard of heat loss: always active, each hosted room cools by one step each period, on its own phase. */
public final class HeatLossVerticle extends ThermalEffectVerticle {

  private final Physics physics;
  private List<ZoneSpec> initial = List.of();

  public HeatLossVerticle(int shard, ZoneDirectory directory, Physics physics, SimClock clock) {
    super(Concern.HEAT_LOSS, shard, directory, TemperatureDelta.HEAT_LOSS, physics::heatLoss, clock);
    this.physics = physics;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> host(spec.name()));
    initial = zones;
    return Future.succeededFuture();
  }

  @Override
  protected void started() {
    long now = clock.now();
    initial.forEach(spec -> activate(spec.name(), now - physics.lossPhaseNanos(spec.name())));
    initial = List.of();
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    return super.add(spec).onSuccess(added -> activate(spec.name(), clock.now() - physics.lossPhaseNanos(spec.name())));
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    // heat loss takes nothing but its zones
  }
}
