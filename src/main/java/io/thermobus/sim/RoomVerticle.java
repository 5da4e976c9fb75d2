package io.thermobus.sim;

import io.thermobus.event.Concern;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard of rooms: the single writer of each hosted zone's temperature, which it changes by
 * the deltas it receives. It follows the thermostat's switch commands too, and drops heat the
 * heater sent after it was switched off: the heater runs on another event loop and may fire once
 * more before the command reaches it. The switch is always queued here before such a late delta,
 * so a room's temperature follows the thermostat's decisions exactly, however loaded the loops.
 * Deployed again after a failure, it continues from the temperatures and heater states the
 * display shard last saw.
 */
public final class RoomVerticle extends ShardVerticle {

  /** A room's state, owned by this verticle's event loop. */
  private static final class Room {
    int temperatureCenti;
    boolean heaterOn;

    Room(int temperatureCenti) {
      this.temperatureCenti = temperatureCenti;
    }
  }

  private final Map<String, Room> rooms = new HashMap<>();

  public RoomVerticle(int shard, ZoneDirectory directory) {
    super(Concern.ROOM, shard, directory);
  }

  @Override
  protected boolean drives(ZoneSource source) {
    return source instanceof ZoneSource.Sim;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> rooms.put(spec.name(), new Room(spec.initialTemperatureCenti())));
    return lastSeen();
  }

  /** At first start the display knows no temperatures yet; after a redeploy it knows the last ones. */
  private Future<Void> lastSeen() {
    return ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> {
          for (ZoneState state : states.states()) {
            Room room = rooms.get(state.zone());
            if (room != null) {
              if (state.temperatureCenti() != null) {
                room.temperatureCenti = state.temperatureCenti();
              }
              room.heaterOn = state.heaterOn();
            }
          }
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  protected void started() {
    rooms.forEach(this::publish);
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    Room room = new Room(spec.initialTemperatureCenti());
    rooms.put(spec.name(), room);
    publish(spec.name(), room);
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> remove(String zone) {
    rooms.remove(zone);
    return Future.succeededFuture();
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof TemperatureDelta delta) {
      apply(delta);
    } else if (body instanceof HeaterSwitched switched) {
      Room room = rooms.get(switched.zone());
      if (room != null) {
        room.heaterOn = switched.on();
      }
    }
  }

  private void apply(TemperatureDelta delta) {
    Room room = rooms.get(delta.zone());
    if (room == null || (delta.fromHeater() && !room.heaterOn)) {
      return;
    }
    room.temperatureCenti += delta.centi();
    publish(delta.zone(), room);
  }

  private void publish(String zone, Room room) {
    events.publish(new TemperatureChanged(zone, room.temperatureCenti, Instant.now()));
  }
}
