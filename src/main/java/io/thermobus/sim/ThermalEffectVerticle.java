package io.thermobus.sim;

import io.thermobus.event.Concern;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.zone.Deadlines;
import io.thermobus.zone.ShardTimer;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Drives one {@link ThermalEffect} per hosted zone on the node's simulated time, with one timer
 * for the whole shard: when it fires, every zone whose period completed sends its room the
 * delta of every period that completed, so a late timer (a stalled loop) loses no heat. Sleeps
 * while no effect is active.
 */
abstract class ThermalEffectVerticle extends ShardVerticle {

  private final String source;
  private final Supplier<ThermalEffect> newEffect;
  protected final SimClock clock;
  // Owned by this verticle's event loop.
  private final Map<String, ThermalEffect> effects = new HashMap<>();
  private final Deadlines due = new Deadlines();
  private ShardTimer timer;

  ThermalEffectVerticle(Concern concern, int shard, ZoneDirectory directory, String source,
                        Supplier<ThermalEffect> newEffect, SimClock clock) {
    super(concern, shard, directory);
    this.source = source;
    this.newEffect = newEffect;
    this.clock = clock;
  }

  @Override
  protected final boolean drives(ZoneSource zoneSource) {
    return zoneSource instanceof ZoneSource.Sim;
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    effects.put(spec.name(), newEffect.get());
    return Future.succeededFuture();
  }

  @Override
  protected final Future<?> remove(String zone) {
    effects.remove(zone);
    due.cancel(zone);
    return Future.succeededFuture();
  }

  /** Registers a zone's effect, inactive; call from {@link #prepare}. */
  protected final void host(String zone) {
    effects.put(zone, newEffect.get());
  }

  protected final void activate(String zone) {
    activate(zone, clock.now());
  }

  /** Activates a zone's effect as if it had been active since {@code since} (simulated nanoseconds). */
  protected final void activate(String zone, long since) {
    ThermalEffect effect = effects.get(zone);
    if (effect != null) {
      effect.activate(since);
      schedule(zone, effect);
      timer().rearm();
    }
  }

  protected final void deactivate(String zone) {
    ThermalEffect effect = effects.get(zone);
    if (effect != null) {
      effect.deactivate();
      due.cancel(zone);
    }
  }

  /** Whether this shard hosts the zone's effect. */
  protected final boolean hosts(String zone) {
    return effects.containsKey(zone);
  }

  /** Changes a zone's step from now on, after sending what the completed periods owe at the old one; a zone gone is skipped. */
  protected final void restep(String zone, int stepCenti) {
    ThermalEffect effect = effects.get(zone);
    if (effect == null) {
      return;
    }
    send(zone, effect.advance(clock.now()));
    effect.step(stepCenti);
  }

  private void send(String zone, int delta) {
    if (delta != 0) {
      vertx.eventBus().send(events.addressOf(Concern.ROOM, zone), new TemperatureDelta(zone, delta, source));
    }
  }

  private ShardTimer timer() {
    if (timer == null) {
      timer = new ShardTimer(vertx, clock, due, this::fire);
    }
    return timer;
  }

  private void fire() {
    long now = clock.now();
    due.pollDue(now, zone -> {
      ThermalEffect effect = effects.get(zone);
      send(zone, effect.advance(now));
      schedule(zone, effect);
    });
  }

  private void schedule(String zone, ThermalEffect effect) {
    effect.dueAt().ifPresent(at -> due.schedule(zone, at));
  }
}
