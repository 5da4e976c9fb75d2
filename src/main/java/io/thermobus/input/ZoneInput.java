package io.thermobus.input;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.schedule.WeekClock;
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import java.nio.file.Path;

/**
 * One hosted zone's input: its desired temperature, its settings as last saved and the setpoint
 * they put in force. Owned by its input shard's event loop.
 */
final class ZoneInput {

  final String zone;
  final ZoneSource source;
  final SettingsFile settings;
  /** This zone's requests, one at a time. */
  final ZoneTurns turns = new ZoneTurns();
  private int desiredCenti;
  /** The settings as last saved (or read at start); a save writes all of them. */
  private ZoneSettings saved;
  /** Which of manual setpoint, preset and schedule is in force; {@link #desiredCenti} is what it sets. */
  private ZoneSetpoint setpoint;
  /** The schedule's next switch, as the zone's controller was (or will at start be) told it. */
  private ScheduledSetpoint next;
  private boolean restored;
  private KeyInput keys;

  ZoneInput(ZoneSpec spec, Path dataDir) {
    this.zone = spec.name();
    this.source = spec.source();
    this.settings = new SettingsFile(dataDir, zone);
    this.desiredCenti = spec.desiredCenti();
    this.saved = ZoneSettings.ofDesiredCenti(desiredCenti);
  }

  /** Takes the settings read from the zone's file at start in place of the configured desired temperature. */
  void restore(ZoneSettings stored, int storedCenti) {
    desiredCenti = storedCenti;
    saved = stored;
    restored = true;
  }

  boolean restored() {
    return restored;
  }

  int desiredCenti() {
    return desiredCenti;
  }

  ZoneSettings saved() {
    return saved;
  }

  /** Called once the settings are saved. */
  void saved(ZoneSettings settings) {
    saved = settings;
  }

  ScheduledSetpoint next() {
    return next;
  }

  ControlSettings control(ControlSettings defaults) {
    return saved.controlOr(defaults);
  }

  /** The saved settings with the control settings in force, as a query or a change is answered. */
  ZoneSettings answer(ControlSettings defaults) {
    return saved.withControl(control(defaults));
  }

  /** Whether setting {@code centi} changes nothing: it is the manual setpoint in force already. */
  boolean holdsManual(int centi) {
    return centi == desiredCenti && setpoint.preset() == null;
  }

  KeyInput keys(DesiredRange range, int stepCenti) {
    if (keys == null) {
      keys = new KeyInput(range, stepCenti);
    }
    return keys;
  }

  /** Starts the setpoint from the saved settings, the schedule (if any) in force from {@code now}; {@link #poll} takes it. */
  void startSetpoint(WeekClock week, long now) {
    setpoint = new ZoneSetpoint(desiredCenti, saved.preset(), saved.presets(), saved.schedule(), week, now);
  }

  /** The setpoint, for a change to apply before {@link #poll}. */
  ZoneSetpoint setpoint() {
    return setpoint;
  }

  /** Takes the desired temperature in force at {@code now} and the schedule's next switch. */
  ZoneSetpoint.Change poll(long now) {
    ZoneSetpoint.Change change = setpoint.poll(now);
    desiredCenti = change.desiredCenti();
    next = change.next();
    return change;
  }
}
