package io.thermobus.sim;

import io.thermobus.event.Concern;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.List;

/**
 * One shard of heaters: each warms its room by one step per period of continuous on-time. When it
 * is deployed again after a failure it asks the display shard which heaters should be on.
 */
public final class HeaterVerticle extends ThermalEffectVerticle {

  public HeaterVerticle(int shard, ZoneDirectory directory, Physics physics, SimClock clock) {
    super(Concern.HEATER, shard, directory, TemperatureDelta.HEATER, physics::heater, clock);
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> host(spec.name()));
    return Future.succeededFuture();
  }

  @Override
  protected void started() {
    ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> {
          for (ZoneState state : states.states()) {
            if (state.heaterOn()) {
              activate(state.zone());
            }
          }
        });
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof HeaterSwitched event) {
      if (event.on()) {
        activate(event.zone());
      } else {
        deactivate(event.zone());
      }
    }
  }
}
