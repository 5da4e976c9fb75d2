package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermobus.event.Readings;
import io.thermobus.thermostat.SensorWatch.Alarm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SensorWatchTest {

  private static final long SECOND = 1_000_000_000L;

  private final SensorWatch watch = new SensorWatch(Duration.ofSeconds(12), 0);

  @Test
  void shouldStayLiveWhileReadingsArriveWithinTheTimeout() {
    for (long t = 3; t <= 60; t += 3) {
      assertThat(watch.check(t * SECOND)).isEqualTo(Alarm.NONE);
      assertThat(watch.reading(t * SECOND)).isFalse();
    }
    assertThat(watch.readings()).isEqualTo(Readings.LIVE);
  }

  @Test
  void shouldBecomeStaleOnceWhenTheReadingsStopForLongerThanTheTimeout() {
    watch.reading(5 * SECOND);
    assertThat(watch.check(17 * SECOND)).as("exactly the timeout is still live").isEqualTo(Alarm.NONE);
    assertThat(watch.check(17 * SECOND + 1)).isEqualTo(Alarm.STALE);
    assertThat(watch.check(30 * SECOND)).as("reported once").isEqualTo(Alarm.NONE);
    assertThat(watch.readings()).isEqualTo(Readings.STALE);
    assertThat(watch.silence(30 * SECOND)).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void shouldWaitForAFirstReadingWithoutEverCallingItAFault() {
    assertThat(watch.readings()).isEqualTo(Readings.WAITING);
    assertThat(watch.check(12 * SECOND)).isEqualTo(Alarm.NONE);
    assertThat(watch.check(12 * SECOND + 1)).as("keep the heater off").isEqualTo(Alarm.FIRST_READING_OVERDUE);
    assertThat(watch.check(600 * SECOND)).as("reported once, and never stale").isEqualTo(Alarm.NONE);
    assertThat(watch.readings()).isEqualTo(Readings.WAITING);
  }

  @Test
  void shouldGoLiveOnALateFirstReadingAndWatchForStalenessFromThere() {
    watch.check(20 * SECOND);
    assertThat(watch.reading(21 * SECOND)).as("a first reading ends no stale period").isFalse();
    assertThat(watch.readings()).isEqualTo(Readings.LIVE);
    assertThat(watch.check(33 * SECOND)).isEqualTo(Alarm.NONE);
    assertThat(watch.check(33 * SECOND + 1)).isEqualTo(Alarm.STALE);
  }

  @Test
  void shouldRecoverOnTheNextReading() {
    watch.reading(1 * SECOND);
    watch.check(20 * SECOND);
    assertThat(watch.reading(21 * SECOND)).as("this reading ends the stale period").isTrue();
    assertThat(watch.readings()).isEqualTo(Readings.LIVE);
    assertThat(watch.reading(22 * SECOND)).isFalse();
    assertThat(watch.check(34 * SECOND + 1)).isEqualTo(Alarm.STALE);
  }

  @Test
  void shouldJudgeTheSilenceSinceTheLastReadingByANewTimeout() {
    watch.reading(5 * SECOND);
    watch.timeout(Duration.ofSeconds(60));
    assertThat(watch.check(30 * SECOND)).as("longer: not stale after the old 12 s").isEqualTo(Alarm.NONE);
    watch.timeout(Duration.ofSeconds(20));
    assertThat(watch.check(25 * SECOND)).isEqualTo(Alarm.NONE);
    assertThat(watch.check(25 * SECOND + 1)).as("shorter: counted from the same last reading").isEqualTo(Alarm.STALE);
    assertThat(watch.timeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void shouldRefuseATimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> new SensorWatch(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> watch.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(watch.timeout()).as("a refused timeout changes nothing").isEqualTo(Duration.ofSeconds(12));
  }
}
