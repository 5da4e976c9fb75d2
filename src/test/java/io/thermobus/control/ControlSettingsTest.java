package io.thermobus.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlSettingsTest {

  private static ControlSettings read(String json) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8), ControlSettings.class);
  }

  @Test
  void shouldTakeTheChaptersDefaultsForMissingFields() {
    assertThat(read("{}")).isEqualTo(ControlSettings.CHAPTER);
    ControlSettings hysteresis = read("{\"controller\": \"hysteresis\", \"protections\": {\"minOnSeconds\": 300}}");
    assertThat(hysteresis.hysteresis()).isEqualTo(new HysteresisParameters(0.3, 0.3));
    assertThat(hysteresis.protections().minOnSeconds()).isEqualTo(300);
    assertThat(hysteresis.protections().minOffSeconds()).isZero();
    assertThat(hysteresis.protections().window().enabled()).isFalse();
  }

  @Test
  void shouldWriteWhatItReads() {
    ControlSettings settings = read("{\"controller\": \"pid\", \"pid\": {\"kp\": 1.5}, \"room\": {\"model\": \"thermal\","
        + " \"outsideDaily\": [{\"at\": \"15:00\", \"celsius\": 2}, {\"at\": \"05:00\", \"celsius\": -6}]}}");
    assertThat(settings.room().outsideDaily().get(0).celsius()).as("sorted by time").isEqualTo(-6);
    assertThat(read(new String(Json.bytes(settings), StandardCharsets.UTF_8))).isEqualTo(settings);
  }

  @Test
  void shouldNameTheFieldAndRuleOfABadValue() {
    assertThatThrownBy(() -> new HysteresisParameters(-0.1, 0)).isInstanceOf(InvalidSettingsException.class)
        .hasMessage("hysteresis.coldTolerance must be between 0 and 5, got -0.1");
    assertThatThrownBy(() -> new TpiParameters(0.6, 0.01, 300, 301)).hasMessage("tpi.minActivationSeconds must be between 0 and 300, got 301");
    assertThatThrownBy(() -> new Protections(600, 0, 300, 0, 0, null))
        .hasMessage("protections.maxOnSeconds must not be below protections.minOnSeconds");
    assertThatThrownBy(() -> ControllerKind.of("thermo")).hasMessageContaining("got thermo");
    assertThatThrownBy(() -> read("{\"pid\": {\"periodSeconds\": 5}}")).hasRootCauseInstanceOf(InvalidSettingsException.class)
        .hasRootCauseMessage("pid.periodSeconds must be between 10 and 86400, got 5");
  }

  @Test
  void shouldInterpolateTheDailyOutsideCurveAroundMidnight() {
    var room = read("{\"room\": {\"model\": \"thermal\", \"outsideDaily\": [{\"at\": \"05:00\", \"celsius\": -6},"
        + " {\"at\": \"15:00\", \"celsius\": 2}]}}").room();
    assertThat(room.outsideAt(5 * 3600)).isEqualTo(-6);
    assertThat(room.outsideAt(10 * 3600)).isEqualTo(-2);
    assertThat(room.outsideAt(22 * 3600)).as("15:00 → 05:00 over midnight, 7 of 14 hours").isEqualTo(-2);
    assertThat(room.outsideAt(86_400 + 5 * 3600)).isEqualTo(-6);
  }
}
