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
}
