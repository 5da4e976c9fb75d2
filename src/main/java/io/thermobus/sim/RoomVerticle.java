package io.thermobus.sim;

import io.thermobus.event.Addresses;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;

/**
 * The room of one zone: the single writer of its temperature, which it changes by the deltas it
 * receives. It follows the thermostat's switch commands too, and drops heat the heater sent
 * after it was switched off: the heater runs on another event loop and may fire once more
 * before the command reaches it. The switch is always queued here before such a late delta, so
 * the room's temperature follows the thermostat's decisions exactly, however loaded the loops.
 * Deployed again after a failure, it continues from the temperature and heater state the display last saw.
 */
public final class RoomVerticle extends VerticleBase {

  private final String zone;
  // Owned by this verticle's event loop.
  private int temperatureCenti;
  private boolean heaterOn;

  public RoomVerticle(String zone, int initialTemperatureCenti) {
    this.zone = zone;
    this.temperatureCenti = initialTemperatureCenti;
  }

  @Override
  public Future<?> start() {
    return lastSeen().compose(known -> {
      MessageConsumer<TemperatureDelta> deltas = vertx.eventBus().consumer(Addresses.roomDelta(zone), this::apply);
      MessageConsumer<HeaterSwitched> switches = vertx.eventBus().consumer(Topic.HEATER.address(), this::follow);
      return Future.all(deltas.completion(), switches.completion()).onSuccess(ready -> publish());
    });
  }

  /** At first start the display knows no temperature yet; after a redeploy it knows the last one. */
  private Future<Void> lastSeen() {
    return ZoneRequests.state(vertx.eventBus(), zone)
        .onSuccess(state -> {
          if (state.temperatureCenti() != null) {
            temperatureCenti = state.temperatureCenti();
          }
          heaterOn = state.heaterOn();
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void follow(Message<HeaterSwitched> message) {
    if (message.body().zone().equals(zone)) {
      heaterOn = message.body().on();
    }
  }

  private void apply(Message<TemperatureDelta> message) {
    TemperatureDelta delta = message.body();
    if (delta.fromHeater() && !heaterOn) {
      return;
    }
    temperatureCenti += delta.centi();
    publish();
  }

  private void publish() {
    TemperatureChanged event = new TemperatureChanged(zone, temperatureCenti, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }
}
