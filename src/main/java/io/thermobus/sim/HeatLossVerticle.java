package io.thermobus.sim;

import io.thermobus.event.Concern;
import io.thermobus.event.OpenWindows;
import io.thermobus.event.SetWindow;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.WindowChanged;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard of heat loss: always active, each hosted room cools by one step each period, on its
 * own phase; three steps while its window is open (until closed, or for the time it was opened for).
 * It owns the windows, and tells the room shard of each change: a thermal room's loss depends on it.
 */
public final class HeatLossVerticle extends ThermalEffectVerticle {

  /** Failure code of a window request for a zone that is not simulated here. */
  public static final int NOT_SIMULATED = 409;
  /** An open window triples the loss, as in the chapter's room model. */
  private static final int WINDOW_LOSS_FACTOR = 3;

  private final Physics physics;
  private List<ZoneSpec> initial = List.of();
  // Owned by this verticle's event loop: the timer that closes each open window.
  private final Map<String, Long> closing = new HashMap<>();

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
    if (body instanceof SetWindow window) {
      if (!hosts(window.zone())) {
        message.fail(NOT_SIMULATED, "zone '" + window.zone() + "' is not simulated here: it has no window to open");
        return;
      }
      window(window.zone(), window.open(), window.seconds());
      message.reply(window.open());
    } else if (body instanceof ShardQuery) {
      message.reply(new OpenWindows(closing.keySet()));
    }
  }

  private void window(String zone, boolean open, long seconds) {
    Long timer = closing.remove(zone);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    windowChanged(zone, open);
    if (open) {
      long until = clock.now() + seconds * 1_000_000_000L;
      closing.put(zone, vertx.setTimer(clock.wallMillisUntil(until), id -> {
        closing.remove(zone);
        windowChanged(zone, false);
      }));
    }
  }

  /** The chapter's room loses faster here; a thermal room, solved by the room shard, is told. */
  private void windowChanged(String zone, boolean open) {
    restep(zone, -(open ? WINDOW_LOSS_FACTOR : 1) * physics.lossStepCenti());
    vertx.eventBus().send(events.addressOf(Concern.ROOM, zone), new WindowChanged(zone, open));
  }
}
