package io.thermobus.thermostat;

import io.thermobus.control.ControlMode;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.HeaterCommand.Reason;
import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.control.ZoneController;
import io.thermobus.event.Readings;
import io.thermobus.sim.RoomModel;
import io.thermobus.sim.SimClock;
import java.time.Duration;
import java.util.Optional;

/**
 * A zone's {@link ZoneControl} carried out by its {@link ZoneController}: the selected controller
 * under the protections, the actuator delay and the fail-safe on stale readings, told the outside
 * temperature with each reading when its room model has one. Until its first
 * command the heater is believed to be as last seen; the first decision is always commanded.
 */
final class ControlledZone implements ZoneControl {

  private final ZoneController controller;
  private boolean heaterOn;
  private long lastReadingAt;

  ControlledZone(ControlSettings settings, Duration staleTimeout, long now, boolean heaterOn) {
    this.controller = new ZoneController(settings, staleTimeout, now);
    this.heaterOn = heaterOn;
    this.lastReadingAt = now;
  }

  @Override
  public HeaterCommand temperature(int centi, long now) {
    lastReadingAt = now;
    HeaterCommand outside = outside(now);
    HeaterCommand reading = carry(controller.reading(centi, now));
    return reading == HeaterCommand.NONE ? outside : reading;
  }

  /** Tells the controller the outside its room model has now, the one a simulated room of that model cools towards. */
  private HeaterCommand outside(long now) {
    RoomModel room = controller.settings().room();
    return room.hasOutside() ? carry(controller.outside(room.outsideCentiAt(SimClock.WEEK, now), now)) : HeaterCommand.NONE;
  }

  @Override
  public HeaterCommand desired(int centi, boolean byUser, long now) {
    return carry(controller.desired(centi, byUser, now));
  }

  @Override
  public HeaterCommand upcoming(ScheduledSetpoint next, long now) {
    return carry(controller.upcoming(next, now));
  }

  @Override
  public HeaterCommand settings(ControlSettings settings, long now) {
    return carry(controller.settings(settings, now));
  }

  @Override
  public HeaterCommand tick(long now) {
    return carry(controller.tick(now));
  }

  /**
   * The controller's next wake-up, except the stale check: the display's periodic check finds
   * every zone whose readings stopped at once (and logs them in one line), so a zone's own timer
   * is not re-armed by each of its readings.
   */
  @Override
  public long nextTick() {
    long wake = controller.nextWakeAt();
    return wake == lastReadingAt + controller.staleTimeout().toNanos() + 1 ? Long.MAX_VALUE : wake;
  }

  @Override
  public void staleTimeout(Duration timeout) {
    controller.staleTimeout(timeout);
  }

  @Override
  public boolean heaterOn() {
    return heaterOn;
  }

  @Override
  public Readings readings() {
    return controller.state().readings();
  }

  @Override
  public String fault() {
    return controller.state().fault();
  }

  @Override
  public ControlSettings settings() {
    return controller.settings();
  }

  @Override
  public ControlMode mode() {
    return controller.state().mode();
  }

  private HeaterCommand carry(Optional<io.thermobus.control.HeaterCommand> command) {
    if (command.isEmpty()) {
      return HeaterCommand.NONE;
    }
    heaterOn = command.get().on();
    if (command.get().reason() == Reason.FAIL_SAFE) {
      return HeaterCommand.FORCED_OFF;
    }
    return heaterOn ? HeaterCommand.ON : HeaterCommand.OFF;
  }
}
