package io.thermobus.device;

import io.thermobus.sim.Physics;
import io.thermobus.sim.ThermalEffect;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * The chapter's room as one device: its temperature, its heater and its heat loss, on simulated
 * time, with the same {@link ThermalEffect}s the simulation's verticles drive. Pure: times are
 * simulated nanoseconds. Not thread-safe: owned by the device verticle's event loop.
 */
final class VirtualRoom {

  private final ThermalEffect heater;
  private final ThermalEffect loss;
  private int temperatureCenti;

  VirtualRoom(int initialCenti, Physics physics, long now) {
    this.temperatureCenti = initialCenti;
    this.heater = physics.heater();
    this.loss = physics.heatLoss();
    loss.activate(now);
  }

  int temperatureCenti() {
    return temperatureCenti;
  }

  boolean heaterOn() {
    return heater.active();
  }

  /** Switching on starts a full period of on-time; switching off loses the period under way, as in the chapter. */
  void switchHeater(boolean on, long now) {
    if (on) {
      heater.activate(now);
    } else {
      heater.deactivate();
    }
  }

  /** Applies the effects whose period completed by {@code now}; true when the temperature changed. */
  boolean advance(long now) {
    int delta = heater.advance(now) + loss.advance(now);
    temperatureCenti += delta;
    return delta != 0;
  }

  /** When the next effect completes its period. */
  long nextDue() {
    return LongStream.of(due(heater), due(loss)).min().orElseThrow();
  }

  private static long due(ThermalEffect effect) {
    OptionalLong due = effect.dueAt();
    return due.isPresent() ? due.getAsLong() : Long.MAX_VALUE;
  }
}
