package io.thermobus.sim;

import io.thermobus.control.ControlSettings;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.event.DesiredValues;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.HeatingChanged;
import io.thermobus.event.OpenWindows;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.WindowChanged;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.zone.Deadlines;
import io.thermobus.zone.ShardTimer;
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
 * One shard of rooms: the single writer of each hosted zone's temperature, a {@link LiveRoom}.
 * Under the chapter's model it changes by the deltas it receives. It follows the thermostat's
 * switch commands too, and drops heat the heater sent after it was switched off: the heater runs
 * on another event loop and may fire once more before the command reaches it. The switch is
 * always queued here before such a late delta, so a room's temperature follows the thermostat's
 * decisions exactly, however loaded the loops. A zone whose settings select the {@code thermal}
 * model is solved here instead, from its heater shard's heating changes (which honour the zone's
 * ownership fence, as its deltas do) and its heat-loss shard's window changes, and published once
 * per physics period; the heater's and heat loss's deltas are dropped meanwhile.
 * Deployed again after a failure, it continues from the temperatures and heater states the
 * display shard last saw, the room models the input shard holds and the windows its heat-loss
 * shard has open.
 */
public final class RoomVerticle extends ShardVerticle {

  private final long periodNanos;
  private final SimClock clock;
  // Owned by this verticle's event loop.
  private final Map<String, LiveRoom> rooms = new HashMap<>();
  private final Deadlines due = new Deadlines();
  private ShardTimer timer;

  public RoomVerticle(int shard, ZoneDirectory directory, Physics physics, SimClock clock) {
    super(Concern.ROOM, shard, directory);
    this.periodNanos = physics.period().toNanos();
    this.clock = clock;
  }

  @Override
  protected boolean drives(ZoneSource source) {
    return source instanceof ZoneSource.Sim;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    timer = new ShardTimer(vertx, clock, due, this::fire);
    zones.forEach(spec -> rooms.put(spec.name(), new LiveRoom(spec.initialTemperatureCenti(), SimClock.WEEK)));
    return lastSeen().compose(seen -> roomModels()).compose(models -> openWindows());
  }

  /** At first start the display knows no temperatures yet; after a redeploy it knows the last ones. */
  private Future<Void> lastSeen() {
    return ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> {
          for (ZoneState state : states.states()) {
            LiveRoom room = rooms.get(state.zone());
            if (room != null) {
              room.restore(state.temperatureCenti() != null ? state.temperatureCenti() : room.centi(), state.heaterOn());
            }
          }
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** The input shard, started before this one, holds each zone's settings and with them its room model. */
  private Future<Void> roomModels() {
    return ZoneRequests.<DesiredValues>toShard(vertx.eventBus(), Concern.INPUT, shard, new ShardQuery())
        .onSuccess(values -> values.control().forEach(this::model))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** At first start no heat-loss shard runs yet; after a redeploy of this room it knows the open windows. */
  private Future<Void> openWindows() {
    return ZoneRequests.<OpenWindows>toShard(vertx.eventBus(), Concern.HEAT_LOSS, shard, new ShardQuery())
        .onSuccess(open -> open.zones().forEach(zone -> {
          LiveRoom room = rooms.get(zone);
          if (room != null) {
            room.window(true, clock.now());
          }
        }))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  protected void started() {
    rooms.forEach(this::publish);
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    LiveRoom room = new LiveRoom(spec.initialTemperatureCenti(), SimClock.WEEK);
    rooms.put(spec.name(), room);
    publish(spec.name(), room);
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> remove(String zone) {
    rooms.remove(zone);
    due.cancel(zone);
    return Future.succeededFuture();
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof TemperatureDelta delta) {
      LiveRoom room = rooms.get(delta.zone());
      if (room != null && room.delta(delta.centi(), delta.fromHeater())) {
        publish(delta.zone(), room);
      }
    } else if (body instanceof HeaterSwitched switched) {
      LiveRoom room = rooms.get(switched.zone());
      if (room != null) {
        room.heater(switched.on());
      }
    } else if (body instanceof HeatingChanged heating) {
      LiveRoom room = rooms.get(heating.zone());
      if (room != null) {
        room.heating(heating.on(), clock.now());
      }
    } else if (body instanceof WindowChanged window) {
      LiveRoom room = rooms.get(window.zone());
      if (room != null) {
        room.window(window.open(), clock.now());
      }
    } else if (body instanceof ControlChanged changed) {
      model(changed.zone(), changed.settings());
    }
  }

  private void model(String zone, ControlSettings settings) {
    LiveRoom room = rooms.get(zone);
    if (room == null) {
      return;
    }
    boolean wasThermal = room.thermal();
    long now = clock.now();
    room.model(settings.room(), now);
    if (room.thermal() == wasThermal) {
      return;
    }
    if (room.thermal()) {
      due.schedule(zone, now + periodNanos);
      timer.rearm();
    } else {
      due.cancel(zone);
    }
    publish(zone, room);
  }

  /** Publishes each thermal room whose period completed, and schedules its next. */
  private void fire() {
    long now = clock.now();
    due.pollDue(now, zone -> {
      LiveRoom room = rooms.get(zone);
      room.advance(now);
      publish(zone, room);
      due.schedule(zone, now + periodNanos);
    });
  }

  private void publish(String zone, LiveRoom room) {
    events.publish(new TemperatureChanged(zone, room.centi(), Instant.now()));
  }
}
