package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.mqtt.SensorPayload.Accepted;
import io.thermobus.mqtt.SensorPayload.Rejected;
import io.thermobus.mqtt.SensorPayload.Rejection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensorPayloadTest {

  private static final SensorPayload PLAIN = new SensorPayload(Optional.empty());
  private static final SensorPayload ZIGBEE2MQTT = new SensorPayload(Optional.of(FieldPath.parse("temperature")));
  private static final SensorPayload TASMOTA = new SensorPayload(Optional.of(FieldPath.parse("DS18B20.Temperature")));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "21.5         | 2150",
      "' 20.904 '   | 2090",
      "20.905       | 2091",
      "-3           | -300",
      "2.15e1       | 2150",
      "-50          | -5000",
      "100          | 10000",
  })
  void readsAPlainNumberInCelsius(String payload, int centi) {
    assertThat(PLAIN.read(payload)).isEqualTo(new Accepted(centi));
  }

  @Test
  void readsTheFieldOfAJsonPayload() {
    assertThat(ZIGBEE2MQTT.read("{\"battery\":97,\"humidity\":41.2,\"temperature\":19.87,\"linkquality\":120}"))
        .isEqualTo(new Accepted(1987));
    assertThat(TASMOTA.read("{\"Time\":\"2026-12-01T20:00:00\",\"DS18B20\":{\"Id\":\"01\",\"Temperature\":22.4},\"TempUnit\":\"C\"}"))
        .isEqualTo(new Accepted(2240));
    assertThat(ZIGBEE2MQTT.read("{\"temperature\":\"18.5\"}")).isEqualTo(new Accepted(1850));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "plain | abc                                  | NOT_A_NUMBER",
      "plain | NaN                                  | NOT_A_NUMBER",
      "plain | Infinity                             | NOT_A_NUMBER",
      "plain | ''                                   | NOT_A_NUMBER",
      "plain | 0x15                                 | NOT_A_NUMBER",
      "plain | '{\"temperature\":21}'               | NOT_A_NUMBER",
      "plain | 1e99                                 | OUT_OF_RANGE",
      "plain | -50.01                               | OUT_OF_RANGE",
      "plain | 100.5                                | OUT_OF_RANGE",
      "json  | '{\"temperature\":21'                | BROKEN_JSON",
      "json  | 'NaN'                                | BROKEN_JSON",
      "json  | '{\"temperature\":NaN}'              | BROKEN_JSON",
      "json  | '{\"humidity\":40}'                  | MISSING_FIELD",
      "json  | '{\"temperature\":null}'             | MISSING_FIELD",
      "json  | '21.5'                               | MISSING_FIELD",
      "json  | '{\"temperature\":\"warm\"}'         | NOT_A_NUMBER",
      "json  | '{\"temperature\":true}'             | NOT_A_NUMBER",
      "json  | '{\"temperature\":{\"c\":21}}'       | NOT_A_NUMBER",
      "json  | '{\"temperature\":-273.15}'          | OUT_OF_RANGE",
  })
  void rejectsWhatIsNotATemperatureSayingWhy(String format, String payload, Rejection reason) {
    SensorPayload parser = format.equals("plain") ? PLAIN : ZIGBEE2MQTT;
    assertThat(parser.read(payload)).isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason));
  }

  @Test
  void rejectsAnOversizedPayloadWithoutReadingIt() {
    String huge = "{\"temperature\":21,\"pad\":\"" + "x".repeat(SensorPayload.MAX_LENGTH) + "\"}";
    assertThat(ZIGBEE2MQTT.read(huge)).isInstanceOfSatisfying(Rejected.class, rejected -> {
      assertThat(rejected.reason()).isEqualTo(Rejection.OVERSIZED);
      assertThat(rejected.detail()).doesNotContain("xxxx");
    });
  }

  @Test
  void quotesAtMostTheStartOfABadPayload() {
    Rejected rejected = (Rejected) PLAIN.read("y".repeat(500));
    assertThat(rejected.detail()).hasSizeLessThan(80);
  }
}
