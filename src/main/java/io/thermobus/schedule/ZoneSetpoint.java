package io.thermobus.schedule;

import io.thermobus.control.ScheduledSetpoint;
import java.util.Objects;

/**
 * The desired temperature of one zone from its manual setpoint, its presets and its weekly
 * schedule, on simulated time. A selected preset wins; leaving it (preset {@code null}) restores
 * the manual setpoint. Otherwise a running schedule sets the temperature, except that a manual
 * setpoint (or leaving a preset) holds until the schedule's next switch. Its owner {@link #poll}s
 * it after every change and at each next switch, and tells the zone's controller what changed:
 * live zones and experiments follow that one rule. Pure; one owner.
 */
public final class ZoneSetpoint {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final WeekClock clock;
  private int manualCenti;
  private Preset preset;
  private Presets presets;
  private Schedule schedule;
  private long manualUntil; // simulated nanos; the schedule takes over from then
  private Integer polledCenti; // what the last poll answered: what the controller was told
  private ScheduledSetpoint polledNext;

  /**
   * The desired temperature in force and the schedule's next switch (null when none will come),
   * each marked changed when it differs from the last {@link #poll} (at the first, the desired
   * temperature always; the next switch unless there is none).
   */
  public record Change(int desiredCenti, boolean desiredChanged, ScheduledSetpoint next, boolean nextChanged) {}

  public ZoneSetpoint(int manualCenti, Preset preset, Presets presets, Schedule schedule, WeekClock clock, long now) {
    this.manualCenti = manualCenti;
    this.preset = preset;
    this.presets = Objects.requireNonNull(presets, "presets");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.manualUntil = now; // at start the schedule, if any, is in force
  }

  /** The desired temperature in force at {@code now}, hundredths of a degree. */
  public int desiredCenti(long now) {
    if (preset != null) {
      return presets.centi(preset);
    }
    if (schedule.isEmpty() || now < manualUntil) {
      return manualCenti;
    }
    return schedule.centiAt(clock.secondOfWeek(now), presets);
  }

  /** The next change the schedule will make to the desired temperature, or null when none will (no schedule, a preset). */
  public ScheduledSetpoint next(long now) {
    if (preset != null || schedule.isEmpty()) {
      return null;
    }
    Schedule.Next next = schedule.next(clock.secondOfWeek(now), presets);
    long at = (Math.floorDiv(now, NANOS_PER_SECOND) + next.inSeconds()) * NANOS_PER_SECOND;
    return new ScheduledSetpoint(Math.max(at, manualUntil), next.centi());
  }

  /** What changed since the last poll, for the controller; see {@link Change}. */
  public Change poll(long now) {
    int centi = desiredCenti(now);
    ScheduledSetpoint upcoming = next(now);
    Change change = new Change(centi, !Integer.valueOf(centi).equals(polledCenti), upcoming,
        !Objects.equals(upcoming, polledNext));
    polledCenti = centi;
    polledNext = upcoming;
    return change;
  }

  /** A user set a temperature: it leaves a preset and holds until the schedule's next switch. */
  public void manual(int centi, long now) {
    manualCenti = centi;
    preset = null;
    holdManual(now);
  }

  /** Selects a preset, or with {@code null} leaves it for the manual setpoint. */
  public void preset(Preset selected, long now) {
    if (preset != null && selected == null) {
      holdManual(now);
    }
    preset = selected;
  }

  public void presets(Presets newPresets) {
    presets = Objects.requireNonNull(newPresets, "presets");
  }

  public void schedule(Schedule newSchedule, long now) {
    schedule = Objects.requireNonNull(newSchedule, "schedule");
    manualUntil = now;
  }

  public Preset preset() {
    return preset;
  }

  public int manualCenti() {
    return manualCenti;
  }

  private void holdManual(long now) {
    manualUntil = schedule.isEmpty() ? now
        : (Math.floorDiv(now, NANOS_PER_SECOND) + schedule.next(clock.secondOfWeek(now), presets).inSeconds()) * NANOS_PER_SECOND;
  }
}
