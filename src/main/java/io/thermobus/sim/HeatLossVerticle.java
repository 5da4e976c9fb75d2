package io.thermobus.sim;

import io.thermobus.event.TemperatureDelta;
import io.vertx.core.Future;

/** Heat loss of one zone: always active, the room cools by one step each period. */
public final class HeatLossVerticle extends ThermalEffectVerticle {

  public HeatLossVerticle(String zone, Physics physics, double timeScale) {
    super(zone, TemperatureDelta.HEAT_LOSS, physics.heatLoss(), timeScale);
  }

  @Override
  public Future<?> start() {
    activate();
    return Future.succeededFuture();
  }
}
