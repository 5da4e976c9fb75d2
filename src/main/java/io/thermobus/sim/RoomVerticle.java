package io.thermobus.sim;

import io.thermobus.event.Addresses;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;

/** The room of one zone: the single writer of its temperature, which it changes by the deltas it receives. */
public final class RoomVerticle extends VerticleBase {

  private final String zone;
  private int temperatureCenti; // owned by this verticle's event loop

  public RoomVerticle(String zone, int initialTemperatureCenti) {
    this.zone = zone;
    this.temperatureCenti = initialTemperatureCenti;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<TemperatureDelta> deltas = vertx.eventBus().consumer(Addresses.roomDelta(zone), this::apply);
    return deltas.completion().onSuccess(ready -> publish());
  }

  private void apply(Message<TemperatureDelta> message) {
    temperatureCenti += message.body().centi();
    publish();
  }

  private void publish() {
    TemperatureChanged event = new TemperatureChanged(zone, temperatureCenti, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }
}
