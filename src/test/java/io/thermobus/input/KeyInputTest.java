package io.thermobus.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyInputTest {

  private final KeyInput keys = new KeyInput(new DesiredRange(500, 3500), 50);

  @Test
  void arrowsAndPlusMinusStepTheDesiredTemperature() {
    assertThat(keys.press("ArrowUp", 2100).desiredCenti()).hasValue(2150);
    assertThat(keys.press("+", 2100).desiredCenti()).hasValue(2150);
    assertThat(keys.press("ArrowDown", 2100).desiredCenti()).hasValue(2050);
    assertThat(keys.press("-", 2100).desiredCenti()).hasValue(2050);
    assertThat(keys.trace()).isEqualTo("↑+↓-");
  }

  @Test
  void stepsStayWithinTheRange() {
    assertThat(keys.press("ArrowUp", 3480).desiredCenti()).hasValue(3500);
    assertThat(keys.press("ArrowDown", 510).desiredCenti()).hasValue(500);
  }

  @Test
  void digitsAreAppliedOnEnter() {
    for (String key : new String[] {"2", "2", ".", "5"}) {
      assertThat(keys.press(key, 2100).desiredCenti()).isEmpty();
    }
    assertThat(keys.pending()).isEqualTo("22.5");
    assertThat(keys.press("Enter", 2100).desiredCenti()).hasValue(2250);
    assertThat(keys.pending()).isEmpty();
  }

  @Test
  void backspaceAndEscapeEditTheEntry() {
    keys.press("2", 2100);
    keys.press("9", 2100);
    keys.press("Backspace", 2100);
    keys.press("3", 2100);
    assertThat(keys.pending()).isEqualTo("23");
    keys.press("Escape", 2100);
    assertThat(keys.press("Enter", 2100).desiredCenti()).isEmpty();
  }

  @Test
  void anEntryOutOfRangeIsRefusedWithAReason() {
    keys.press("9", 2100);
    keys.press("9", 2100);
    KeyInput.Outcome outcome = keys.press("Enter", 2100);
    assertThat(outcome.desiredCenti()).isEmpty();
    assertThat(outcome.error()).contains("between 5.00 and 35.00");
  }

  @Test
  void unknownKeysAreRefusedAndNotTraced() {
    assertThat(keys.press("F5", 2100).error()).contains("unsupported key");
    assertThat(keys.trace()).isEmpty();
  }

  @Test
  void theTraceKeepsOnlyTheMostRecentKeys() {
    for (int i = 0; i < 100; i++) {
      keys.press("ArrowUp", 2100);
    }
    assertThat(keys.trace().codePointCount(0, keys.trace().length())).isEqualTo(40);
  }
}
