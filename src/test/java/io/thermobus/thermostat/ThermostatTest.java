package io.thermobus.thermostat;

import static io.thermobus.thermostat.Thermostat.Decision.KEEP;
import static io.thermobus.thermostat.Thermostat.Decision.SWITCH_OFF;
import static io.thermobus.thermostat.Thermostat.Decision.SWITCH_ON;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThermostatTest {

  @Test
  void chapterRuleSwitchesOnBelowDesiredWhenOff() {
    assertThat(Thermostat.CHAPTER.decide(2090, 2100, false)).isEqualTo(SWITCH_ON);
    assertThat(Thermostat.CHAPTER.decide(2090, 2100, true)).isEqualTo(KEEP);
  }

  @Test
  void chapterRuleSwitchesOffAboveDesiredWhenOn() {
    assertThat(Thermostat.CHAPTER.decide(2101, 2100, true)).isEqualTo(SWITCH_OFF);
    assertThat(Thermostat.CHAPTER.decide(2101, 2100, false)).isEqualTo(KEEP);
  }

  @Test
  void chapterRuleKeepsTheHeaterAsItIsAtExactlyTheDesiredTemperature() {
    assertThat(Thermostat.CHAPTER.decide(2100, 2100, true)).isEqualTo(KEEP);
    assertThat(Thermostat.CHAPTER.decide(2100, 2100, false)).isEqualTo(KEEP);
  }

  @Test
  void hysteresisWaitsForTheColdToleranceBeforeSwitchingOn() {
    Thermostat thermostat = new Thermostat(20, 10);
    assertThat(thermostat.decide(2080, 2100, false)).isEqualTo(KEEP);
    assertThat(thermostat.decide(2079, 2100, false)).isEqualTo(SWITCH_ON);
  }

  @Test
  void hysteresisWaitsForTheHotToleranceBeforeSwitchingOff() {
    Thermostat thermostat = new Thermostat(20, 10);
    assertThat(thermostat.decide(2110, 2100, true)).isEqualTo(KEEP);
    assertThat(thermostat.decide(2111, 2100, true)).isEqualTo(SWITCH_OFF);
  }

  @Test
  void framesShowTheChaptersFieldsAndTheInputTrace() {
    assertThat(FrameText.render(2090, 2100, true, "↑21"))
        .isEqualTo("Temperature: 20.90 °C\nDesired Temp: 21.00 °C\nHeater On: true\nInput: ↑21");
  }
}
