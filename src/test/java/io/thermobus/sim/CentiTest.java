package io.thermobus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CentiTest {

  @ParameterizedTest
  @CsvSource({"21, 2100", "20.9, 2090", "21.004, 2100", "21.005, 2101", "21.015, 2102", "-0.005, -1", "5, 500"})
  void roundsCelsiusToTheNearestHundredthHalfAwayFromZero(String celsius, int centi) {
    assertThat(Centi.fromCelsius(new BigDecimal(celsius))).isEqualTo(centi);
  }

  @Test
  void showsExactlyTwoDecimals() {
    assertThat(Centi.toCelsius(2090).toPlainString()).isEqualTo("20.90");
    assertThat(Centi.format(-5)).isEqualTo("-0.05");
  }

  @Test
  void refusesNonFiniteTemperatures() {
    assertThatThrownBy(() -> Centi.fromCelsius(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Centi.fromCelsius(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
  }
}
