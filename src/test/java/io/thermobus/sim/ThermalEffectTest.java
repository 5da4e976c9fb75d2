package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThermalEffectTest {

  private static final long SECOND = 1_000_000_000L;
  private final ThermalEffect heater = Physics.CHAPTER.heater();
  private final ThermalEffect heatLoss = Physics.CHAPTER.heatLoss();

  @Test
  void heaterAddsThreeHundredthsAfterThreeSecondsOfContinuousOnTime() {
    heater.activate(0);
    assertThat(heater.advance(2 * SECOND)).isZero();
    assertThat(heater.advance(3 * SECOND)).isEqualTo(3);
    assertThat(heater.dueAt()).hasValue(6 * SECOND);
  }

  @Test
  void switchingTheHeaterOffResetsItsTimer() {
    heater.activate(0);
    heater.deactivate();
    assertThat(heater.advance(3 * SECOND)).as("off: no heat").isZero();
    heater.activate(2 * SECOND);
    assertThat(heater.advance(4 * SECOND)).as("only 2 s of on-time since switching on again").isZero();
    assertThat(heater.advance(5 * SECOND)).isEqualTo(3);
  }

  @Test
  void switchingOnAgainWhileOnDoesNotRestartThePeriod() {
    heater.activate(0);
    heater.activate(2 * SECOND);
    assertThat(heater.advance(3 * SECOND)).isEqualTo(3);
  }

  @Test
  void anInactiveEffectIsNeverDue() {
    assertThat(heater.dueAt()).isEmpty();
    assertThat(heater.advance(100 * SECOND)).isZero();
  }

  @Test
  void heatLossRemovesOneHundredthEveryThreeSeconds() {
    heatLoss.activate(0);
    int total = 0;
    for (long t = 0; t <= 30 * SECOND; t += SECOND) {
      total += heatLoss.advance(t);
    }
    assertThat(total).isEqualTo(-10);
  }
}
