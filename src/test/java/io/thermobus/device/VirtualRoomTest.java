package io.thermobus.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.sim.Physics;
import org.junit.jupiter.api.Test;

/** The device's room follows the chapter's physics on simulated time. */
class VirtualRoomTest {

  private static final long PERIOD = Physics.CHAPTER.period().toNanos();

  @Test
  void losesAStepEachPeriodWithItsHeaterOff() {
    VirtualRoom room = new VirtualRoom(2090, Physics.CHAPTER, 0);
    assertThat(room.nextDue()).isEqualTo(PERIOD);
    assertThat(room.advance(PERIOD - 1)).isFalse();
    assertThat(room.advance(PERIOD)).isTrue();
    assertThat(room.temperatureCenti()).isEqualTo(2089);
  }

  @Test
  void warmsWithItsHeaterOnAndLosesAnUnfinishedPeriodWhenSwitchedOff() {
    VirtualRoom room = new VirtualRoom(2090, Physics.CHAPTER, 0);
    room.switchHeater(true, 0);
    assertThat(room.heaterOn()).isTrue();
    room.advance(PERIOD);
    assertThat(room.temperatureCenti()).isEqualTo(2092);
    room.switchHeater(false, PERIOD + PERIOD / 2);
    room.advance(2 * PERIOD);
    assertThat(room.temperatureCenti()).isEqualTo(2091);
    room.switchHeater(true, 2 * PERIOD);
    assertThat(room.nextDue()).isEqualTo(3 * PERIOD);
  }
}
