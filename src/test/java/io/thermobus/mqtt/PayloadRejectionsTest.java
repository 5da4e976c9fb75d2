package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.mqtt.SensorPayload.Rejected;
import io.thermobus.mqtt.SensorPayload.Rejection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every bad payload is counted; a zone logs at most one line a minute, which says how many it kept quiet. */
class PayloadRejectionsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Rejected NOT_A_NUMBER = new Rejected(Rejection.NOT_A_NUMBER, "not a number: 'abc'");
  private static final Rejected BROKEN = new Rejected(Rejection.BROKEN_JSON, "not JSON: '{'");

  private final PayloadRejections rejections = new PayloadRejections(Duration.ofMinutes(1));

  @Test
  void logsTheFirstRejectionOfAZoneAndThenNothingForAMinute() {
    assertThat(rejections.record("attic", "sensor/attic", NOT_A_NUMBER, 0))
        .hasValue("zone attic ignored a payload on sensor/attic: not a number: 'abc'");
    for (int i = 1; i < 100; i++) {
      assertThat(rejections.record("attic", "sensor/attic", i % 2 == 0 ? NOT_A_NUMBER : BROKEN, i * SECOND / 2)).isEmpty();
    }
    assertThat(rejections.count("attic", Rejection.NOT_A_NUMBER)).isEqualTo(50);
    assertThat(rejections.count("attic", Rejection.BROKEN_JSON)).isEqualTo(50);
  }

  @Test
  void logsAgainAfterTheMinuteSayingHowManyWereQuiet() {
    rejections.record("attic", "sensor/attic", NOT_A_NUMBER, 0);
    rejections.record("attic", "sensor/attic", NOT_A_NUMBER, 10 * SECOND);
    rejections.record("attic", "sensor/attic", NOT_A_NUMBER, 59 * SECOND);
    assertThat(rejections.record("attic", "sensor/attic", BROKEN, 60 * SECOND))
        .hasValue("zone attic ignored a payload on sensor/attic: not JSON: '{' (and 2 more since the last report)");
    assertThat(rejections.record("attic", "sensor/attic", BROKEN, 61 * SECOND)).isEmpty();
  }

  @Test
  void limitsEachZoneOnItsOwn() {
    assertThat(rejections.record("attic", "a", NOT_A_NUMBER, 0)).isPresent();
    assertThat(rejections.record("cellar", "c", NOT_A_NUMBER, SECOND)).isPresent();
    assertThat(rejections.record("attic", "a", NOT_A_NUMBER, 2 * SECOND)).isEmpty();
    assertThat(rejections.count("cellar", Rejection.NOT_A_NUMBER)).isEqualTo(1);
    assertThat(rejections.count("hall", Rejection.NOT_A_NUMBER)).isZero();
  }

  @Test
  void forgetsADeletedZone() {
    rejections.record("attic", "a", NOT_A_NUMBER, 0);
    rejections.forget("attic");
    assertThat(rejections.count("attic", Rejection.NOT_A_NUMBER)).isZero();
    assertThat(rejections.record("attic", "a", NOT_A_NUMBER, SECOND)).isPresent();
  }
}
