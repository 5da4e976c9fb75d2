package io.thermobus.sim;

import io.thermobus.event.Addresses;
import io.thermobus.event.TemperatureDelta;
import io.vertx.core.VerticleBase;

/**
 * Drives one {@link ThermalEffect} of a zone on simulated time: arms a timer for the end of the
 * current period and sends the room a delta when it completes. Sleeps while the effect is inactive.
 */
abstract class ThermalEffectVerticle extends VerticleBase {

  protected final String zone;
  private final String source;
  private final ThermalEffect effect;
  private final SimClock clock;
  private long timerId = -1; // owned by this verticle's event loop

  ThermalEffectVerticle(String zone, String source, ThermalEffect effect, double timeScale) {
    this.zone = zone;
    this.source = source;
    this.effect = effect;
    this.clock = SimClock.system(timeScale);
  }

  protected final void activate() {
    effect.activate(clock.now());
    arm();
  }

  protected final void deactivate() {
    effect.deactivate();
    disarm();
  }

  private void fire() {
    timerId = -1;
    int delta = effect.advance(clock.now());
    if (delta != 0) {
      vertx.eventBus().send(Addresses.roomDelta(zone), new TemperatureDelta(zone, delta, source));
    }
    arm();
  }

  private void arm() {
    disarm();
    effect.dueAt().ifPresent(due -> timerId = vertx.setTimer(clock.wallMillisUntil(due), id -> fire()));
  }

  private void disarm() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
