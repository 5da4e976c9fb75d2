package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ControllerKind;
import io.thermobus.control.ControlMode;
import io.thermobus.control.TpiParameters;
import io.thermobus.sim.RoomModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One zone's control on a manual clock: the chapter's rule by default, the actuator delay, the fail-safe, new settings. */
class ControlledZoneTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Duration STALE = Duration.ofSeconds(12);

  @Test
  void shouldCommandTheFirstDecisionThenOnlyChanges() {
    ZoneControl control = new ControlledZone(ControlSettings.CHAPTER, STALE, 0, false);
    assertThat(control.desired(2100, true, 0)).as("no reading yet").isEqualTo(HeaterCommand.NONE);
    assertThat(control.temperature(2100, SECOND)).as("keep, but the first decision is always sent").isEqualTo(HeaterCommand.OFF);
    assertThat(control.temperature(2099, 2 * SECOND)).isEqualTo(HeaterCommand.ON);
    assertThat(control.temperature(2100, 3 * SECOND)).isEqualTo(HeaterCommand.NONE);
    assertThat(control.temperature(2101, 4 * SECOND)).isEqualTo(HeaterCommand.OFF);
    assertThat(control.heaterOn()).isFalse();
  }

  @Test
  void shouldSwitchAfterTheActuatorDelay() {
    ZoneControl control = new ControlledZone(withDelay(15), STALE, 0, false);
    control.desired(2100, true, 0);
    assertThat(control.temperature(2090, 0)).isEqualTo(HeaterCommand.NONE);
    assertThat(control.temperature(2089, 10 * SECOND)).as("decided already, switching").isEqualTo(HeaterCommand.NONE);
    assertThat(control.nextTick()).as("the switch").isEqualTo(15 * SECOND);
    assertThat(control.tick(14 * SECOND)).isEqualTo(HeaterCommand.NONE);
    assertThat(control.tick(15 * SECOND)).isEqualTo(HeaterCommand.ON);
    assertThat(control.nextTick()).as("the stale check is the display's periodic one").isEqualTo(Long.MAX_VALUE);
    assertThat(control.heaterOn()).isTrue();
  }

  @Test
  void shouldFailSafeWhenReadingsStopAndRecoverWithTheNextReading() {
    ZoneControl control = new ControlledZone(ControlSettings.CHAPTER, STALE, 0, false);
    control.desired(2100, true, 0);
    assertThat(control.temperature(2090, 0)).isEqualTo(HeaterCommand.ON);

    assertThat(control.tick(12 * SECOND)).isEqualTo(HeaterCommand.NONE);
    assertThat(control.tick(13 * SECOND)).as("the fail-safe's off").isEqualTo(HeaterCommand.FORCED_OFF);
    assertThat(control.fault()).contains("no temperature reading for 13 simulated s").contains("heater forced off");
    assertThat(control.temperature(2080, 14 * SECOND)).as("the reading ends the fault and the rule decides").isEqualTo(HeaterCommand.ON);
    assertThat(control.fault()).isNull();
  }

  @Test
  void shouldTellTheControllerTheOutsideOfAThermalRoomAndForgetItUnderTheChapters() {
    // Only the outside term: on while desired − outside is positive, whatever the inside.
    RoomModel thermal = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1000, 60, 300, -10, List.of());
    ZoneControl control = new ControlledZone(outsideOnly(thermal), STALE, 0, false);
    control.desired(2000, true, 0);
    assertThat(control.temperature(2000, SECOND)).as("30 °C colder outside").isEqualTo(HeaterCommand.ON);
    assertThat(control.settings(outsideOnly(RoomModel.CHAPTER), 2 * SECOND)).as("the chapter's room has no outside")
        .isEqualTo(HeaterCommand.OFF);
    assertThat(control.temperature(2000, 3 * SECOND)).as("and none comes with its readings").isEqualTo(HeaterCommand.NONE);
  }

  private static ControlSettings outsideOnly(RoomModel room) {
    ControlSettings chapter = ControlSettings.CHAPTER;
    return new ControlSettings(ControllerKind.TPI, chapter.hysteresis(), new TpiParameters(0, 0.05, 300, 0), chapter.pid(),
        chapter.predictive(), chapter.protections(), 0, room);
  }

  @Test
  void shouldApplyNewSettingsAtRunTime() {
    ZoneControl control = new ControlledZone(ControlSettings.CHAPTER, STALE, 0, false);
    control.desired(2100, true, 0);
    assertThat(control.temperature(2090, 0)).isEqualTo(HeaterCommand.ON);
    ControlSettings hysteresis = ControlSettings.CHAPTER.withController(ControllerKind.HYSTERESIS);
    assertThat(control.settings(hysteresis, SECOND)).isEqualTo(HeaterCommand.NONE);
    assertThat(control.temperature(2125, 2 * SECOND)).as("within the 0.3 °C hot tolerance").isEqualTo(HeaterCommand.NONE);
    assertThat(control.temperature(2131, 3 * SECOND)).isEqualTo(HeaterCommand.OFF);
    assertThat(control.settings()).isEqualTo(hysteresis);
    assertThat(control.mode()).isEqualTo(ControlMode.NORMAL);
  }

  private static ControlSettings withDelay(long seconds) {
    ControlSettings c = ControlSettings.CHAPTER;
    return new ControlSettings(c.controller(), c.hysteresis(), c.tpi(), c.pid(), c.predictive(), c.protections(), seconds, c.room());
  }
}
