package io.thermobus.sim;

import java.time.Duration;

/** The chapter's heater physics, in hundredths of a degree per period of simulated time. */
public record Physics(int heaterStepCenti, int lossStepCenti, Duration period) {

  public static final Physics CHAPTER = new Physics(3, 1, Duration.ofSeconds(3));

  public ThermalEffect heater() {
    return new ThermalEffect(heaterStepCenti, period.toNanos());
  }

  public ThermalEffect heatLoss() {
    return new ThermalEffect(-lossStepCenti, period.toNanos());
  }

  /**
   * How far into its first period a zone's heat loss is at start, from the zone's name: rooms
   * cool on their own phases, so a node's zones do not all cool (and then heat) in one instant.
   */
  public long lossPhaseNanos(String zone) {
    return Math.floorMod(zone.hashCode() * 0x9E3779B97F4A7C15L, period.toNanos());
  }
}
