package io.thermobus.sim;

import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneRequests;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The heater of one zone: warms the room by one step per period of continuous on-time. When it is
 * deployed again after a failure it asks the display whether it should be on.
 */
public final class HeaterVerticle extends ThermalEffectVerticle {

  public HeaterVerticle(String zone, Physics physics, double timeScale) {
    super(zone, TemperatureDelta.HEATER, physics.heater(), timeScale);
  }

  @Override
  public Future<?> start() {
    MessageConsumer<HeaterSwitched> switches = vertx.eventBus().consumer(Topic.HEATER.address(), this::onSwitch);
    return switches.completion().onSuccess(ready -> ZoneRequests.state(vertx.eventBus(), zone)
        .onSuccess(state -> {
          if (state.heaterOn()) {
            activate();
          }
        }));
  }

  private void onSwitch(Message<HeaterSwitched> message) {
    HeaterSwitched event = message.body();
    if (!event.zone().equals(zone)) {
      return;
    }
    if (event.on()) {
      activate();
    } else {
      deactivate();
    }
  }
}
