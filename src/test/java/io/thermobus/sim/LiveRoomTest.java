package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live room under the chapter's and the thermal model, driven by a manual clock in steps of the physics period. */
class LiveRoomTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long PERIOD = Physics.CHAPTER.period().toNanos();
  private static final long HOUR = 3600 * SECOND;

  /** C = 1000 kJ/K, UA = 60 W/K (τ = 16 667 s), P = 2000 W, window +300 W/K, outside 0 °C. */
  private static final RoomModel THERMAL = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1000, 60, 300, 0, List.of());
  private static final double TAU_SECONDS = 1000 * 1000 / 60.0;

  private final LiveRoom room = new LiveRoom(2000, SimClock.WEEK);
  private long now;

  @Test
  void shouldCoolAndHeatAtTheClosedFormRatesOverHours() {
    room.model(THERMAL, now);
    for (int hour = 1; hour <= 4; hour++) {
      runFor(HOUR);
      double expected = 20 * Math.exp(-hour * 3600 / TAU_SECONDS);
      assertThat(room.centi() / 100.0).as("cooling after %d h", hour).isCloseTo(expected, within(0.01));
    }
    double start = room.centi() / 100.0;
    long heatingFrom = now;
    room.heating(true, now);
    double equilibrium = 2000 / 60.0;
    for (int hour = 1; hour <= 4; hour++) {
      runFor(HOUR);
      double expected = equilibrium + (start - equilibrium) * Math.exp(-(now - heatingFrom) / (double) SECOND / TAU_SECONDS);
      assertThat(room.centi() / 100.0).as("heating after %d h", hour).isCloseTo(expected, within(0.01));
    }
  }

  @Test
  void shouldHeatAThermalRoomOnlyWhileItsHeaterHeats() {
    room.model(THERMAL, now);
    room.heater(true);
    runFor(HOUR);
    assertThat(room.centi() / 100.0).as("switched on, but the heater shard never admitted it")
        .isCloseTo(20 * Math.exp(-3600 / TAU_SECONDS), within(0.01));
  }

  @Test
  void shouldLoseFasterWithTheWindowOpen() {
    room.model(THERMAL, now);
    room.window(true, now);
    runFor(HOUR);
    assertThat(room.centi() / 100.0).isCloseTo(20 * Math.exp(-3600 * 360 / 1e6), within(0.01));
  }

  @Test
  void shouldFollowTheDailyOutsideCurveAtTheNodesTimeOfDay() {
    // A tiny capacity: the room settles on the outside within seconds.
    RoomModel light = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1, 100, 0, 20,
        List.of(new OutsidePoint(LocalTime.of(5, 0), -6), new OutsidePoint(LocalTime.of(15, 0), 2)));
    room.model(light, now);
    runFor(24 * HOUR + 5 * HOUR);
    assertThat(room.centi()).as("Tuesday 05:00").isEqualTo(-600);
    runFor(5 * HOUR);
    assertThat(room.centi()).as("Tuesday 10:00, halfway to 15:00").isEqualTo(-200);
    runFor(12 * HOUR);
    assertThat(room.centi()).as("Tuesday 22:00, halfway back over midnight").isEqualTo(-200);
  }

  @Test
  void shouldDropTheChaptersStepsWhileThermalAndTakeThemAgainAfter() {
    assertThat(room.delta(-1, false)).isTrue();
    assertThat(room.delta(3, true)).as("heat while the heater is off").isFalse();
    room.heater(true);
    room.heating(true, now);
    assertThat(room.delta(3, true)).isTrue();
    assertThat(room.centi()).isEqualTo(2002);

    room.model(THERMAL, now);
    assertThat(room.delta(3, true)).as("the thermal room is solved, not stepped").isFalse();
    assertThat(room.delta(-1, false)).isFalse();
    runFor(HOUR);
    int reached = room.centi();
    assertThat(reached).as("heating towards 33.3 °C").isGreaterThan(2100);

    room.model(RoomModel.CHAPTER, now);
    runFor(HOUR);
    assertThat(room.centi()).as("the chapter's room does not move by itself").isEqualTo(reached);
    assertThat(room.delta(-1, false)).isTrue();
    assertThat(room.centi()).isEqualTo(reached - 1);
  }

  @Test
  void shouldContinueUnroundedWhenTheParametersChange() {
    room.model(THERMAL, now);
    runFor(HOUR);
    double before = 20 * Math.exp(-3600 / TAU_SECONDS);
    room.model(new RoomModel(RoomModel.Kind.THERMAL, 2000, 2000, 60, 300, 0, List.of()), now);
    runFor(HOUR);
    assertThat(room.centi() / 100.0).isCloseTo(before * Math.exp(-3600 / (2 * TAU_SECONDS)), within(0.01));
  }

  private void runFor(long nanos) {
    long end = now + nanos;
    while (now < end) {
      now += PERIOD;
      room.advance(now);
    }
  }
}
