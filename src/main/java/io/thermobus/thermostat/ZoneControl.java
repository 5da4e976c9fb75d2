package io.thermobus.thermostat;

import io.thermobus.control.ControlMode;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.event.Readings;
import java.time.Duration;

/**
 * The heating decision of one zone: fed its temperature readings, its desired temperature and
 * the schedule's next change of it, its control settings and the passing of simulated time (nanoseconds of the node's clock), it
 * answers what the heater must do. Pure and single-threaded: the display shard that hosts the
 * zone owns it. The display publishes every command as a {@code HeaterSwitched} and calls
 * {@link #tick} at the latest at {@link #nextTick()} and at its periodic checks.
 */
public interface ZoneControl {

  HeaterCommand temperature(int centi, long now);

  /** {@code byUser} for a person's change, false for the schedule's. */
  HeaterCommand desired(int centi, boolean byUser, long now);

  /** The schedule's next change of the desired temperature, or {@code null} when none is coming. */
  HeaterCommand upcoming(ScheduledSetpoint next, long now);

  /** New control settings (controller, parameters, protections) take effect now. */
  HeaterCommand settings(ControlSettings settings, long now);

  /** Time passed: readings may have gone stale, a delayed switch may be due. */
  HeaterCommand tick(long now);

  /** Readings silent for longer than {@code timeout} are stale from now on: the display's timeout follows the clock's speed. */
  void staleTimeout(Duration timeout);

  /** When {@link #tick} must run next, or {@link Long#MAX_VALUE} when nothing is due. */
  long nextTick();

  /** The heater's state as last commanded. */
  boolean heaterOn();

  /** Whether its first reading is still awaited, readings arrive, or they went stale. */
  Readings readings();

  /** Why the zone is in a fail-safe state, or {@code null} when it is not. */
  String fault();

  ControlSettings settings();

  /** What governs the heater now: the controller, an open window, a cool-down or the fail-safe. */
  ControlMode mode();
}
