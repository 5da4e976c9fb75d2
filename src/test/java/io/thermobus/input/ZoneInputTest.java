package io.thermobus.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.SetZoneSettings;
import io.thermobus.schedule.Preset;
import io.thermobus.schedule.Schedule;
import io.thermobus.schedule.ScheduleEntry;
import io.thermobus.schedule.WeekClock;
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.ZoneSpec;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A zone's input and the settings changes it takes, on a manual clock of simulated nanoseconds from Monday 00:00. */
class ZoneInputTest {

  private static final long HOUR = 3_600_000_000_000L;
  /** Comfort (21 °C) at 06:30 every day, eco (17 °C) at 22:30. */
  private static final Schedule DAYS = new Schedule(List.of(
      new ScheduleEntry(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), LocalTime.of(6, 30), Preset.COMFORT, null),
      new ScheduleEntry(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), LocalTime.of(22, 30), Preset.ECO, null)));
  private static final long COMFORT_AT = 6 * HOUR + HOUR / 2;
  private static final long ECO_AT = 22 * HOUR + HOUR / 2;

  private final ZoneInput input = new ZoneInput(ZoneSpec.simulated("home", 2000, 1900), Path.of("unused"));

  @Test
  void shouldHoldTheConfiguredDesiredTemperatureWhenNothingIsScheduled() {
    input.startSetpoint(WeekClock.MONDAY_MIDNIGHT, 0);

    assertThat(input.poll(0)).as("the first poll tells it all").isEqualTo(new ZoneSetpoint.Change(2000, true, null, false));
    assertThat(input.poll(HOUR)).isEqualTo(new ZoneSetpoint.Change(2000, false, null, false));
    assertThat(input.desiredCenti()).isEqualTo(2000);
    assertThat(input.holdsManual(2000)).isTrue();
    assertThat(input.holdsManual(2100)).isFalse();
  }

  @Test
  void shouldFollowARestoredScheduleFromTheStartAndSwitchAtItsTime() {
    input.restore(ZoneSettings.ofDesiredCenti(2000).withSchedule(DAYS), 2000);
    input.startSetpoint(WeekClock.MONDAY_MIDNIGHT, HOUR);

    assertThat(input.restored()).isTrue();
    assertThat(input.poll(HOUR).desiredCenti()).as("Monday 01:00: Sunday 22:30's eco").isEqualTo(1700);
    assertThat(input.next()).isEqualTo(new ScheduledSetpoint(COMFORT_AT, 2100));

    assertThat(input.poll(COMFORT_AT).desiredChanged()).isTrue();
    assertThat(input.desiredCenti()).isEqualTo(2100);
    assertThat(input.next()).isEqualTo(new ScheduledSetpoint(ECO_AT, 1700));
  }

  @Test
  void shouldChangeTheSavedSettingsOnlyAndTheSetpointOnlyOnceTheChangeIsApplied() {
    input.startSetpoint(WeekClock.MONDAY_MIDNIGHT, 0);
    input.poll(0);
    SettingsChange change = SettingsChange.of(new SetZoneSettings.SetPreset("home", Preset.COMFORT), input.saved());

    assertThat(change.settings().preset()).isEqualTo(Preset.COMFORT);
    assertThat(change.source()).isEqualTo(DesiredChanged.PRESET);
    assertThat(input.saved().preset()).as("not saved yet").isNull();
    assertThat(input.poll(HOUR).desiredCenti()).isEqualTo(2000);

    input.saved(change.settings());
    change.apply().accept(input.setpoint(), HOUR);
    assertThat(input.poll(HOUR).desiredCenti()).isEqualTo(2100);
    assertThat(input.holdsManual(2100)).as("a preset is not the manual setpoint").isFalse();
  }

  @Test
  void shouldPublishAScheduleChangeAsTheSchedulesAndPutItInForceAtOnce() {
    input.startSetpoint(WeekClock.MONDAY_MIDNIGHT, 0);
    input.poll(0);
    SettingsChange change = SettingsChange.of(new SetZoneSettings.SetSchedule("home", DAYS), input.saved());

    assertThat(change.source()).isEqualTo(DesiredChanged.SCHEDULE);
    assertThat(change.settings().schedule()).isEqualTo(DAYS);
    change.apply().accept(input.setpoint(), COMFORT_AT + HOUR);
    assertThat(input.poll(COMFORT_AT + HOUR).desiredCenti()).isEqualTo(2100);
    assertThat(input.next()).isEqualTo(new ScheduledSetpoint(ECO_AT, 1700));
  }
}
