package io.thermobus.thermostat;

import io.thermobus.event.Readings;
import io.thermobus.thermostat.Thermostat.Decision;
import java.time.Duration;

/**
 * The chapter's control of one zone: the {@link Thermostat} rule on every reading and setting,
 * an optional actuator delay between decision and switch, and the fail-safe of a
 * {@link SensorWatch}: readings silent for the stale timeout switch the heater off and report a
 * fault until they return. Waiting for a first reading is not a fault: the heater is switched off
 * once the first reading is overdue, and nothing is decided until it arrives. After a (re)start
 * the heater may be in either state, so the first decision is always commanded.
 */
public final class ChapterControl implements ZoneControl {

  private final Thermostat thermostat;
  private final long actuatorDelayNanos;
  private final Duration staleTimeout;
  private final SensorWatch sensor;
  private Integer temperature;
  private Integer desired;
  private boolean heaterOn;
  private boolean commanded;
  private long pendingAt = Long.MAX_VALUE;
  private boolean pendingOn;
  private String fault;

  /** {@code heaterOn} is the state the heater is believed to be in (after a restart, the last one seen). */
  public ChapterControl(Thermostat thermostat, Duration actuatorDelay, Duration staleTimeout, long now, boolean heaterOn) {
    this.thermostat = thermostat;
    this.actuatorDelayNanos = actuatorDelay.toNanos();
    this.staleTimeout = staleTimeout;
    this.sensor = new SensorWatch(staleTimeout, now);
    this.heaterOn = heaterOn;
  }

  @Override
  public HeaterCommand temperature(int centi, long now) {
    temperature = centi;
    if (sensor.reading(now)) {
      fault = null;
    }
    return decide(now);
  }

  @Override
  public HeaterCommand desired(int centi, long now) {
    desired = centi;
    return decide(now);
  }

  @Override
  public HeaterCommand tick(long now) {
    switch (sensor.check(now)) {
      case STALE -> {
        fault = "no temperature reading for " + sensor.silence(now).toSeconds() + " simulated s (stale timeout "
            + staleTimeout.toSeconds() + " s); heater forced off";
        pendingAt = Long.MAX_VALUE;
        return switchTo(false);
      }
      // Nothing decided yet, but after a restart the heater may still be on from before.
      case FIRST_READING_OVERDUE -> {
        return switchTo(false);
      }
      case NONE -> { }
    }
    if (pendingAt > now) {
      return HeaterCommand.NONE;
    }
    pendingAt = Long.MAX_VALUE;
    HeaterCommand command = switchTo(pendingOn);
    decide(now);
    return command;
  }

  @Override
  public long nextTick() {
    return pendingAt;
  }

  @Override
  public boolean heaterOn() {
    return heaterOn;
  }

  @Override
  public Readings readings() {
    return sensor.readings();
  }

  @Override
  public String fault() {
    return fault;
  }

  private HeaterCommand decide(long now) {
    if (temperature == null || desired == null || pendingAt != Long.MAX_VALUE || fault != null) {
      return HeaterCommand.NONE;
    }
    Decision decision = thermostat.decide(temperature, desired, heaterOn);
    if (decision == Decision.KEEP && commanded) {
      return HeaterCommand.NONE;
    }
    boolean on = decision == Decision.KEEP ? heaterOn : decision == Decision.SWITCH_ON;
    if (actuatorDelayNanos == 0) {
      return switchTo(on);
    }
    pendingOn = on;
    pendingAt = now + actuatorDelayNanos;
    return HeaterCommand.NONE;
  }

  private HeaterCommand switchTo(boolean on) {
    heaterOn = on;
    commanded = true;
    return on ? HeaterCommand.ON : HeaterCommand.OFF;
  }
}
