package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {

  private final AtomicLong wall = new AtomicLong(1_000);
  private final SimClock clock = new SimClock(200, wall::get);

  @Test
  void runsTimeScaleTimesFasterThanTheWall() {
    wall.addAndGet(15_000_000); // 15 ms
    assertThat(clock.now()).isEqualTo(3_000_000_000L);
  }

  @Test
  void convertsSimulatedDeadlinesToWallMilliseconds() {
    assertThat(clock.wallMillisUntil(3_000_000_000L)).isEqualTo(15);
    assertThat(clock.wallMillisUntil(0)).as("overdue fires at once").isEqualTo(1);
  }

  @Test
  void changingTheScaleKeepsSimulatedTimeContinuous() {
    wall.addAndGet(10_000_000);
    long before = clock.now();
    clock.setTimeScale(1);
    assertThat(clock.now()).isEqualTo(before);
    wall.addAndGet(1_000_000_000);
    assertThat(clock.now()).isEqualTo(before + 1_000_000_000L);
  }
}
