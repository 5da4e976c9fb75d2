package io.thermobus.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.HeaterCommand.Reason;
import io.thermobus.sim.RoomModel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZoneControllerTest {

  private static final long S = 1_000_000_000L;
  private static final Duration STALE = Duration.ofSeconds(12);

  private static ControlSettings settings(ControllerKind kind, Protections protections, long delaySeconds) {
    return new ControlSettings(kind, new HysteresisParameters(0.2, 0.1), TpiParameters.DEFAULT, PidParameters.DEFAULT,
        PredictiveParameters.DEFAULT, protections, delaySeconds, RoomModel.CHAPTER);
  }

  private static Protections protections(long minOn, long minOff, long maxOn, long coolDown, long keepAlive) {
    return new Protections(minOn, minOff, maxOn, coolDown, keepAlive, WindowDetection.OFF);
  }

  private static Optional<Boolean> on(Optional<HeaterCommand> command) {
    return command.map(HeaterCommand::on);
  }

  @Test
  void shouldApplyTheChaptersRuleAndAlwaysSendTheFirstDecision() {
    ZoneController controller = new ZoneController(ControlSettings.CHAPTER, STALE, 0);
    assertThat(controller.desired(2100, false, 0)).isEmpty();
    assertThat(on(controller.reading(2100, S))).as("first decision, a keep, is sent").contains(false);
    assertThat(controller.reading(2100, 2 * S)).isEmpty();
    assertThat(on(controller.reading(2099, 3 * S))).contains(true);
    assertThat(controller.reading(2100, 4 * S)).as("at exactly desired it keeps").isEmpty();
    assertThat(on(controller.reading(2101, 5 * S))).contains(false);
  }

  @Test
  void shouldSwitchOnOnlyBelowDesiredMinusColdAndOffOnlyAboveDesiredPlusHot() {
    ZoneController controller = new ZoneController(settings(ControllerKind.HYSTERESIS, Protections.NONE, 0), STALE, 0);
    controller.desired(2100, false, 0);
    assertThat(on(controller.reading(2080, S))).as("20.80 is not below 21.00 − 0.20").contains(false);
    assertThat(on(controller.reading(2079, 2 * S))).contains(true);
    assertThat(controller.reading(2110, 3 * S)).as("21.10 is not above 21.00 + 0.10").isEmpty();
    assertThat(on(controller.reading(2111, 4 * S))).contains(false);
  }

  @Test
  void shouldKeepTheHeaterOnForTheMinimumOnTimeThenSwitchOffByItself() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, protections(300, 0, 0, 0, 0), 0), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    assertThat(on(controller.reading(2090, 0))).contains(true);
    assertThat(controller.reading(2105, 100 * S)).as("held by the minimum on time").isEmpty();
    assertThat(controller.state().heaterOn()).isTrue();
    assertThat(controller.nextWakeAt()).isEqualTo(300 * S);
    assertThat(controller.tick(299 * S)).isEmpty();
    assertThat(on(controller.tick(300 * S))).contains(false);
  }

  @Test
  void shouldLetAUsersSetpointChangeOverrideTheMinimumOffTimeOnlyTowardsTheSwitchItAsksFor() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, protections(0, 600, 0, 0, 0), 0), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    controller.reading(2090, 0);
    assertThat(on(controller.reading(2101, 10 * S))).contains(false);
    assertThat(controller.reading(2095, 20 * S)).as("the minimum off time holds").isEmpty();
    assertThat(controller.desired(2050, true, 25 * S)).as("a cut asks for off: nothing to lift").isEmpty();
    assertThat(controller.desired(2100, false, 26 * S)).as("the schedule's change does not lift it").isEmpty();
    assertThat(on(controller.desired(2200, true, 30 * S))).as("a user's rise lifts it at once").contains(true);
  }

  @Test
  void shouldSwitchOffAfterTheMaximumOnTimeAndCoolDownBeforeHeatingAgain() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, protections(0, 0, 3600, 600, 0), 0), Duration.ofHours(3), 0);
    controller.desired(2500, false, 0);
    assertThat(on(controller.reading(2000, 0))).contains(true);
    assertThat(controller.nextWakeAt()).isEqualTo(3600 * S);
    Optional<HeaterCommand> off = controller.tick(3600 * S);
    assertThat(on(off)).contains(false);
    assertThat(off.orElseThrow().reason()).isEqualTo(Reason.MAX_ON_TIME);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.COOL_DOWN);
    assertThat(controller.reading(2000, 3700 * S)).as("cooling down while still cold").isEmpty();
    assertThat(controller.nextWakeAt()).isEqualTo(4200 * S);
    assertThat(on(controller.tick(4200 * S))).contains(true);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.NORMAL);
  }

  @Test
  void shouldResendTheCommandedStateEveryKeepAlivePeriod() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, protections(0, 0, 0, 0, 60), 0), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    controller.reading(2090, 0);
    assertThat(controller.nextWakeAt()).isEqualTo(60 * S);
    assertThat(controller.tick(59 * S)).isEmpty();
    Optional<HeaterCommand> again = controller.tick(60 * S);
    assertThat(again).map(HeaterCommand::reason).contains(Reason.KEEP_ALIVE);
    assertThat(on(again)).contains(true);
    assertThat(controller.nextWakeAt()).isEqualTo(120 * S);
  }

  @Test
  void shouldHoldTheHeaterOffWhileTheTemperatureFallsAsThroughAnOpenWindowAndShowIt() {
    Protections withWindow = new Protections(0, 0, 0, 0, 0, new WindowDetection(0.2, 120, 1800));
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, withWindow, 0), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    int centi = 2099;
    assertThat(on(controller.reading(centi, 0))).contains(true);
    long t = 0;
    Optional<HeaterCommand> off = Optional.empty();
    while (off.isEmpty() && t < 600 * S) {
      t += 30 * S;
      centi -= 15; // 0.3 °C per minute
      off = controller.reading(centi, t);
    }
    assertThat(off).map(HeaterCommand::reason).contains(Reason.WINDOW_OPEN);
    assertThat(t).as("found after one slope window of readings").isEqualTo(120 * S);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.WINDOW_OPEN);
    for (int i = 0; i < 4; i++) {
      t += 30 * S;
      centi -= 15;
      assertThat(controller.reading(centi, t)).as("still falling fast: stays off").isEmpty();
    }
    // Closed: 0.02 °C per minute. Over the two minutes to 330 s the fall is 0.09 °C/min, under half the rate.
    assertThat(controller.reading(centi -= 1, t += 30 * S)).as("0.32 °C over the last two minutes").isEmpty();
    assertThat(controller.reading(centi -= 1, t += 30 * S)).as("0.16 °C/min still").isEmpty();
    assertThat(on(controller.reading(centi - 1, t + 30 * S))).as("recovered").contains(true);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.NORMAL);
  }

  @Test
  void shouldEndTheWindowHoldAfterItsOffTimeWhenTheFallDoesNotSlow() {
    Protections withWindow = new Protections(0, 0, 0, 0, 0, new WindowDetection(0.2, 60, 300));
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, withWindow, 0), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    controller.reading(2099, 0);
    controller.reading(2070, 60 * S);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.WINDOW_OPEN);
    assertThat(controller.nextWakeAt()).isEqualTo(360 * S);
    assertThat(on(controller.tick(360 * S))).contains(true);
  }

  @Test
  void shouldFailSafeOverEveryProtectionAndPendingSwitchAndRecoverWithTheFirstReading() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, protections(3600, 0, 0, 0, 0), 5), STALE, 0);
    controller.desired(2100, false, 0);
    assertThat(controller.reading(2090, 0)).as("waits for the actuator").isEmpty();
    assertThat(controller.state().switchPending()).isTrue();
    assertThat(controller.nextWakeAt()).isEqualTo(5 * S);
    assertThat(on(controller.tick(5 * S))).contains(true);
    assertThat(controller.nextWakeAt()).as("the stale check").isEqualTo(12 * S + 1);
    Optional<HeaterCommand> off = controller.tick(12 * S + 1);
    assertThat(off).map(HeaterCommand::reason).contains(Reason.FAIL_SAFE);
    assertThat(on(off)).as("despite the minimum on time").contains(false);
    assertThat(controller.state().mode()).isEqualTo(ControlMode.FAULT);
    assertThat(controller.state().fault()).contains("no temperature reading for 12 simulated s");
    assertThat(controller.desired(2200, true, 20 * S)).isEmpty();
    assertThat(controller.reading(2090, 30 * S)).as("back, through the actuator delay again").isEmpty();
    assertThat(controller.state().fault()).isNull();
    assertThat(on(controller.tick(35 * S))).contains(true);
  }

  @Test
  void shouldSwitchOffWithoutAFaultWhenTheFirstReadingIsOverdueAndNotWakeForItAgain() {
    ZoneController controller = new ZoneController(ControlSettings.CHAPTER, STALE, 0);
    controller.desired(2100, false, 0);
    assertThat(controller.nextWakeAt()).isEqualTo(12 * S + 1);
    Optional<HeaterCommand> off = controller.tick(12 * S + 1);
    assertThat(off).map(HeaterCommand::reason).contains(Reason.FAIL_SAFE);
    assertThat(controller.state().fault()).isNull();
    assertThat(controller.state().readings()).isEqualTo(io.thermobus.event.Readings.WAITING);
    assertThat(controller.nextWakeAt()).as("nothing more to check until a reading").isEqualTo(Long.MAX_VALUE);
    assertThat(on(controller.reading(2090, 20 * S))).contains(true);
  }

  @Test
  void shouldDelayEverySwitchByTheActuatorDelayAndDecideAgainWhenItLands() {
    ZoneController controller = new ZoneController(settings(ControllerKind.ONOFF, Protections.NONE, 10), Duration.ofHours(1), 0);
    controller.desired(2100, false, 0);
    assertThat(controller.reading(2101, 0)).isEmpty();
    assertThat(on(controller.tick(10 * S))).as("the first decision, off").contains(false);
    assertThat(controller.reading(2099, 11 * S)).isEmpty();
    assertThat(controller.reading(2105, 15 * S)).as("no new decision while one is pending").isEmpty();
    assertThat(on(controller.tick(21 * S))).as("the pending switch lands even if stale by now").contains(true);
    assertThat(controller.tick(25 * S)).isEmpty();
    assertThat(controller.state().switchPending()).as("and the next decision is on its way").isTrue();
    assertThat(on(controller.tick(31 * S))).contains(false);
  }

  @Test
  void shouldRunTpiAsAShareOfEachCycleWithAMinimumActivation() {
    TpiParameters tpi = new TpiParameters(0.5, 0.01, 300, 30);
    ControlSettings tpiSettings = new ControlSettings(ControllerKind.TPI, null, tpi, null, null, null, 0L, null);
    ZoneController controller = new ZoneController(tpiSettings, Duration.ofHours(1), 0);
    controller.desired(2000, false, 0);
    controller.outside(0, 0);
    // on% = 0.5·(20 − 19.5) + 0.01·(20 − 0) = 0.45 → 135 s of 300
    assertThat(on(controller.reading(1950, 0))).contains(true);
    assertThat(controller.nextWakeAt()).isEqualTo(135 * S);
    assertThat(on(controller.tick(135 * S))).contains(false);
    assertThat(controller.nextWakeAt()).isEqualTo(300 * S);
    controller.reading(2015, 200 * S);
    // next cycle: 0.5·(−0.15) + 0.2 = 0.125 → 37.5 s, above the 30 s minimum
    assertThat(on(controller.tick(300 * S))).contains(true);
    assertThat(controller.nextWakeAt()).isEqualTo(337_500_000_000L);
    controller.tick(337_500_000_000L);
    controller.reading(2030, 400 * S);
    // 0.5·(−0.3) + 0.2 = 0.05 → 15 s, below the minimum activation: stays off
    assertThat(controller.tick(600 * S)).isEmpty();
    assertThat(controller.state().heaterOn()).isFalse();
    assertThat(controller.nextWakeAt()).isEqualTo(900 * S);
  }

  @Test
  void shouldClampThePidIntegralAndResetItAfterALongGap() {
    PidRule pid = new PidRule(new PidParameters(0.1, 2, 0, 0, 600, 0.5, 1800));
    long t = 0;
    for (int i = 0; i < 10; i++, t += 600 * S) {
      pid.wantsOn(new ControlInputs(2100, 2200, null, false, null), t); // 1 °C short for 100 min, and not warming
    }
    assertThat(pid.integralTerm()).as("clamped").isEqualTo(0.5);
    pid.wantsOn(new ControlInputs(2200, 2200, null, true, null), t + 3600 * S);
    assertThat(pid.integralTerm()).as("an hour without an update resets it").isZero();
  }

  @Test
  void shouldNotHeatFromAWoundUpIntegralAfterALongOffPeriod() {
    ControlSettings pidSettings = new ControlSettings(ControllerKind.PID, null, null,
        new PidParameters(0.2, 1, 0, 0, 600, 1, 1800), null, null, 0L, null);
    ZoneController controller = new ZoneController(pidSettings, Duration.ofSeconds(120), 0);
    controller.desired(2100, false, 0);
    long t = 0;
    for (; t < 3 * 3600 * S; t += 60 * S) {
      controller.reading(2000, t); // a cold room that does not warm: the integral grows to its limit
      controller.tick(t);
    }
    controller.tick(t + 3600 * S); // readings stop for an hour: fail-safe off
    assertThat(controller.state().mode()).isEqualTo(ControlMode.FAULT);
    long back = t + 3600 * S + 1;
    // Back at the setpoint: without a reset the wound-up integral alone would switch the heater on.
    for (long t2 = back; t2 < back + 3600 * S; t2 += 60 * S) {
      assertThat(on(controller.reading(2100, t2))).isNotEqualTo(Optional.of(true));
      assertThat(on(controller.tick(t2))).isNotEqualTo(Optional.of(true));
    }
    assertThat(controller.state().heaterOn()).isFalse();
  }

  @Test
  void shouldPreheatSoThatAScheduledSetpointIsReachedAtItsTime() {
    RoomModel thermal = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1000, 60, 300, -3, null);
    var room = thermal.newRoom(1700);
    ControlSettings predictive = new ControlSettings(ControllerKind.PREDICTIVE, null, null, null, null, null, 0L, thermal);
    ZoneController controller = new ZoneController(predictive, Duration.ofMinutes(5), 0);
    controller.desired(1700, false, 0);
    controller.outside(-300, 0);
    long comfortAt = 10 * 3600 * S; // hold 17 °C for hours (learning), comfort 21 °C at 10:00
    controller.upcoming(new ScheduledSetpoint(comfortAt, 2100), 0);
    boolean heater = false;
    int lastReading = Integer.MIN_VALUE;
    long reachedAt = -1;
    long firstHeatAfterEight = -1;
    for (long t = 0; t <= comfortAt + 600 * S; t += S) {
      room.advanceTo(t, -3);
      int reading = room.readingCenti();
      Optional<HeaterCommand> command = reading != lastReading ? controller.reading(reading, t) : Optional.empty();
      lastReading = reading;
      if (command.isEmpty() && t >= controller.nextWakeAt()) {
        command = controller.tick(t);
      }
      if (t == comfortAt) {
        command = controller.desired(2100, false, t).or(() -> Optional.empty());
        controller.upcoming(null, t);
      }
      if (command.isPresent()) {
        heater = command.get().on();
        room.heater(heater, t);
      }
      if (heater && t > 8 * 3600 * S && firstHeatAfterEight < 0 && reading < 1800) {
        firstHeatAfterEight = t;
      }
      if (reachedAt < 0 && reading >= 2090) {
        reachedAt = t;
      }
    }
    assertThat(reachedAt).as("reached 20.90 °C").isPositive();
    assertThat(Duration.ofNanos(reachedAt - comfortAt)).as("no more than 5 minutes late")
        .isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(Duration.ofNanos(comfortAt - reachedAt)).as("and not needlessly early")
        .isLessThanOrEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void shouldLetARoomWarmerThanTheComingSetpointCoolRatherThanHoldItThere() {
    ControlSettings predictive = settings(ControllerKind.PREDICTIVE, Protections.NONE, 0);
    ZoneController controller = new ZoneController(predictive, STALE, 0);
    controller.desired(1700, false, 0); // eco, just after comfort
    controller.upcoming(new ScheduledSetpoint(90 * 60 * S, 2100), 0);
    assertThat(on(controller.reading(2150, 0))).contains(false);
    assertThat(on(controller.reading(2099, 60 * S))).as("comfort is 89 minutes away: no preheat yet").isEmpty();
    assertThat(controller.state().heaterOn()).isFalse();
  }

  @Test
  void shouldKeepPreheatingPastTheSwitchUntilTheNewSetpointArrives() {
    ControlSettings predictive = settings(ControllerKind.PREDICTIVE, Protections.NONE, 0);
    ZoneController controller = new ZoneController(predictive, STALE, 0);
    long comfortAt = 600 * S;
    controller.desired(1700, false, 0);
    controller.upcoming(new ScheduledSetpoint(comfortAt, 2100), 0);
    assertThat(on(controller.reading(1900, 0))).as("preheating").contains(true);
    assertThat(on(controller.reading(2095, comfortAt + 10 * S))).as("the schedule's 21 °C is a moment late").isEmpty();
    assertThat(on(controller.desired(2100, false, comfortAt + 11 * S))).isEmpty();
    assertThat(controller.state().heaterOn()).isTrue();
  }
}
