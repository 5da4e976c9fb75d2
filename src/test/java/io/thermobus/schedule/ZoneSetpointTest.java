package io.thermobus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.Json;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.control.ScheduledSetpoint;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneSetpointTest {

  private static final long S = 1_000_000_000L;
  private static final long HOUR = 3600 * S;
  private static final long DAY = 24 * HOUR;

  /** Weekdays comfort 06:30–22:30, eco nights; the weekend comfort from 08:00 to 23:00 at 21.5 °C. */
  private static final Schedule WEEK = new Schedule(List.of(
      new ScheduleEntry(List.of("mon", "tue", "wed", "thu", "fri"), LocalTime.of(6, 30), Preset.COMFORT, null),
      new ScheduleEntry(List.of("mon", "tue", "wed", "thu", "fri"), LocalTime.of(22, 30), Preset.ECO, null),
      new ScheduleEntry(List.of("sat", "sun"), LocalTime.of(8, 0), null, 21.5),
      new ScheduleEntry(List.of("sat", "sun"), LocalTime.of(23, 0), Preset.ECO, null)));

  private static ZoneSetpoint zone(WeekClock clock) {
    return new ZoneSetpoint(2000, null, Presets.DEFAULT, WEEK, clock, 0);
  }

  @Test
  void shouldCarryTheLastSwitchAcrossMidnightAndTheWeeksEnd() {
    ZoneSetpoint zone = zone(WeekClock.MONDAY_MIDNIGHT);
    assertThat(zone.desiredCenti(0)).as("Monday 00:00 is still Sunday 23:00's eco").isEqualTo(1700);
    assertThat(zone.desiredCenti(6 * HOUR + 30 * 60 * S - 1)).isEqualTo(1700);
    assertThat(zone.desiredCenti(6 * HOUR + 30 * 60 * S)).isEqualTo(2100);
    assertThat(zone.desiredCenti(23 * HOUR)).isEqualTo(1700);
    assertThat(zone.desiredCenti(DAY + 2 * HOUR)).as("Tuesday 02:00, across midnight").isEqualTo(1700);
    assertThat(zone.desiredCenti(5 * DAY + 7 * HOUR)).as("Saturday 07:00: Friday 22:30's eco").isEqualTo(1700);
    assertThat(zone.desiredCenti(5 * DAY + 9 * HOUR)).isEqualTo(2150);
    assertThat(zone.desiredCenti(7 * DAY + 7 * HOUR)).as("the next Monday 07:00").isEqualTo(2100);
  }

  @Test
  void shouldAnnounceTheNextSwitchAcrossTheWeeksEnd() {
    ZoneSetpoint zone = zone(new WeekClock(DayOfWeek.SUNDAY, LocalTime.of(23, 30)));
    assertThat(zone.desiredCenti(0)).isEqualTo(1700);
    assertThat(zone.next(0)).isEqualTo(new ScheduledSetpoint(7 * HOUR, 2100));
  }

  @Test
  void shouldReportOnlyWhatChangedSinceTheLastPoll() {
    ZoneSetpoint zone = zone(WeekClock.MONDAY_MIDNIGHT);
    ScheduledSetpoint comfort = new ScheduledSetpoint(6 * HOUR + 30 * 60 * S, 2100);
    assertThat(zone.poll(0)).isEqualTo(new ZoneSetpoint.Change(1700, true, comfort, true));
    assertThat(zone.poll(HOUR)).isEqualTo(new ZoneSetpoint.Change(1700, false, comfort, false));
    ScheduledSetpoint eco = new ScheduledSetpoint(22 * HOUR + 30 * 60 * S, 1700);
    assertThat(zone.poll(comfort.at())).isEqualTo(new ZoneSetpoint.Change(2100, true, eco, true));
    zone.preset(Preset.COMFORT, 7 * HOUR);
    assertThat(zone.poll(7 * HOUR)).as("a preset: no switch coming").isEqualTo(new ZoneSetpoint.Change(2100, false, null, true));
  }

  @Test
  void shouldHoldAManualSetpointUntilTheNextSwitch() {
    ZoneSetpoint zone = zone(WeekClock.MONDAY_MIDNIGHT);
    zone.manual(1900, HOUR);
    assertThat(zone.desiredCenti(2 * HOUR)).isEqualTo(1900);
    assertThat(zone.next(2 * HOUR)).isEqualTo(new ScheduledSetpoint(6 * HOUR + 30 * 60 * S, 2100));
    assertThat(zone.desiredCenti(7 * HOUR)).isEqualTo(2100);
  }

  @Test
  void shouldRestoreTheManualSetpointWhenLeavingAPreset() {
    ZoneSetpoint zone = new ZoneSetpoint(2050, null, Presets.DEFAULT, Schedule.EMPTY, WeekClock.MONDAY_MIDNIGHT, 0);
    zone.preset(Preset.AWAY, HOUR);
    assertThat(zone.desiredCenti(HOUR)).isEqualTo(1500);
    assertThat(zone.next(HOUR)).as("a preset stops the schedule's announcements").isNull();
    zone.preset(null, 2 * HOUR);
    assertThat(zone.desiredCenti(2 * HOUR)).isEqualTo(2050);
    zone.preset(Preset.FROST, 3 * HOUR);
    zone.manual(2200, 4 * HOUR);
    assertThat(zone.preset()).as("setting a temperature leaves the preset").isNull();
    assertThat(zone.desiredCenti(4 * HOUR)).isEqualTo(2200);
  }

  @Test
  void shouldReadAndWriteTheRestShapes() {
    String json = new String(Json.bytes(WEEK), StandardCharsets.UTF_8);
    assertThat(json).contains("{\"days\":[\"sat\",\"sun\"],\"at\":\"08:00\",\"celsius\":21.5}");
    assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Schedule.class)).isEqualTo(WEEK);
    assertThat(Json.read("{\"eco\": 16.5}".getBytes(StandardCharsets.UTF_8), Presets.class))
        .isEqualTo(new Presets(21, 16.5, 15, 18, 7));
  }

  @Test
  void shouldRefuseAmbiguousOrOutOfRangeEntriesWithAMessage() {
    assertThatThrownBy(() -> new ScheduleEntry(null, LocalTime.NOON, Preset.ECO, 20.0))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("exactly one of preset and celsius");
    assertThatThrownBy(() -> new Schedule(List.of(
        new ScheduleEntry(List.of("mon"), LocalTime.NOON, Preset.ECO, null),
        new ScheduleEntry(null, LocalTime.NOON, Preset.COMFORT, null))))
        .hasMessage("schedule.entries has two entries for mon 12:00");
    assertThatThrownBy(() -> new ScheduleEntry(List.of("monday"), LocalTime.NOON, Preset.ECO, null))
        .hasMessageContaining("got monday");
    assertThatThrownBy(() -> new Presets(21, 17, 15, 18, 2)).hasMessage("presets.frost must be between 5 and 35, got 2");
  }
}
