package io.thermobus.sim;

import io.thermobus.event.Addresses;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.ZoneState;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;

/**
 * The room of one zone: the single writer of its temperature, which it changes by the deltas it
 * receives. Deployed again after a failure, it continues from the last temperature the display saw.
 */
public final class RoomVerticle extends VerticleBase {

  private final String zone;
  private int temperatureCenti; // owned by this verticle's event loop

  public RoomVerticle(String zone, int initialTemperatureCenti) {
    this.zone = zone;
    this.temperatureCenti = initialTemperatureCenti;
  }

  @Override
  public Future<?> start() {
    Future<Void> lastSeen = vertx.eventBus()
        .<ZoneState>request(Addresses.zoneState(zone), null, new DeliveryOptions().setSendTimeout(2_000))
        .onSuccess(reply -> {
          if (reply.body().temperatureCenti() != null) {
            temperatureCenti = reply.body().temperatureCenti();
          }
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
    return lastSeen.compose(known -> {
      MessageConsumer<TemperatureDelta> deltas = vertx.eventBus().consumer(Addresses.roomDelta(zone), this::apply);
      return deltas.completion().onSuccess(ready -> publish());
    });
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
