package io.thermobus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DutyCycleTest {

  private static final long S = 1_000_000_000L;

  private final DutyCycle dutyCycle = new DutyCycle(Duration.ofSeconds(100));

  @Test
  void isZeroBeforeAnyObservation() {
    assertThat(dutyCycle.ratio(50 * S)).isZero();
  }

  @Test
  void measuresOnTimeOverTheObservedSpanWhileShorterThanTheWindow() {
    dutyCycle.switched(true, 10 * S);
    dutyCycle.switched(false, 13 * S);
    dutyCycle.switched(true, 19 * S);
    assertThat(dutyCycle.ratio(20 * S)).as("4 s on out of 10").isCloseTo(0.4, within(1e-9));
  }

  @Test
  void countsOnlyTheWindowOnceItIsFull() {
    dutyCycle.switched(true, 0);
    dutyCycle.switched(false, 100 * S);
    assertThat(dutyCycle.ratio(100 * S)).isEqualTo(1.0);
    assertThat(dutyCycle.ratio(150 * S)).as("50 s of the last 100 on").isCloseTo(0.5, within(1e-9));
    dutyCycle.switched(false, 300 * S);
    assertThat(dutyCycle.ratio(300 * S)).isZero();
  }

  @Test
  void ignoresARepeatedState() {
    dutyCycle.switched(true, 0);
    dutyCycle.switched(true, 5 * S);
    dutyCycle.switched(false, 10 * S);
    dutyCycle.switched(false, 15 * S);
    assertThat(dutyCycle.ratio(20 * S)).isCloseTo(0.5, within(1e-9));
  }
}
