package io.thermobus.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thermobus.sim.RoomModel;
import io.thermobus.sim.SimulatedRoom;
import org.junit.jupiter.api.Test;

class RoomLearnerTest {

  private static final long S = 1_000_000_000L;

  /** Cycles the heater 20 minutes on, 10 off, reading the room whenever its hundredths change. */
  private static RoomLearner learn(RoomModel model, Integer outsideCenti, double outsideCelsius) {
    SimulatedRoom room = model.newRoom(1900);
    RoomLearner learner = new RoomLearner();
    int last = Integer.MIN_VALUE;
    boolean on = false;
    for (long s = 0; s < 12 * 3600; s++) {
      room.advanceTo(s * S, outsideCelsius);
      int reading = room.readingCenti();
      if (reading != last) {
        learner.reading(reading, outsideCenti, on, s * S);
        last = reading;
      }
      boolean wanted = s % 1800 < 1200;
      if (wanted != on) {
        on = wanted;
        room.heater(on, s * S);
      }
    }
    return learner;
  }

  @Test
  void shouldLearnTheThermalRoomsHeatingAndLossRates() {
    RoomModel thermal = new RoomModel(RoomModel.Kind.THERMAL, 2000, 1000, 60, 300, 0, null);
    RoomLearner learner = learn(thermal, 0, 0);
    // Truth: a = 2000 W / 1 MJ/K = 7.2 °C/h; b = 60 W/K / 1 MJ/K = 0.216 /h.
    assertThat(learner.rate(20, 0, false)).as("cooling at 20 °C, 0 °C outside").isCloseTo(-0.216 * 20, within(0.15));
    assertThat(learner.rate(20, 0, true)).as("heating at 20 °C").isCloseTo(7.2 - 0.216 * 20, within(0.2));
    assertThat(learner.hoursTo(17, 21, 0, true)).isCloseTo(Math.log((33.33 - 17) / (33.33 - 21)) / 0.216, within(0.1));
  }

  @Test
  void shouldLearnTheChaptersConstantRatesWithoutAnOutside() {
    RoomLearner learner = learn(RoomModel.CHAPTER, null, 0);
    // The chapter: the heater adds 0.03 °C and the loss takes 0.01 °C every 3 s: 36 and 12 °C an hour.
    assertThat(learner.rate(21, null, false)).isCloseTo(-12, within(0.5));
    assertThat(learner.rate(21, null, true)).isCloseTo(24, within(1.0));
  }
}
