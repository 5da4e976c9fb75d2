package io.thermobus.thermostat;

import io.thermobus.control.ControlMode;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.ZoneController;
import io.thermobus.event.Readings;
import java.time.Duration;
import java.util.Optional;

/**
 * A zone's {@link ZoneControl} carried out by its {@link ZoneController}: the selected controller
 * under the protections, the actuator delay and the fail-safe on stale readings. Until its first
 * command the heater is believed to be as last seen; the first decision is always commanded.
 */
final class ControlledZone implements ZoneControl {

  private final ZoneController controller;
  private boolean heaterOn;

  ControlledZone(ControlSettings settings, Duration staleTimeout, long now, boolean heaterOn) {
    this.controller = new ZoneController(settings, staleTimeout, now);
    this.heaterOn = heaterOn;
  }

  @Override
  public HeaterCommand temperature(int centi, long now) {
    return carry(controller.reading(centi, now));
  }

  @Override
  public HeaterCommand desired(int centi, boolean byUser, long now) {
    return carry(controller.desired(centi, byUser, now));
  }

  @Override
  public HeaterCommand settings(ControlSettings settings, long now) {
    return carry(controller.settings(settings, now));
  }

  @Override
  public HeaterCommand tick(long now) {
    return carry(controller.tick(now));
  }

  @Override
  public long nextTick() {
    return controller.nextWakeAt();
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
    return heaterOn ? HeaterCommand.ON : HeaterCommand.OFF;
  }
}
