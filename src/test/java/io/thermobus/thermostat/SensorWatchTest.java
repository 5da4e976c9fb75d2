package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SensorWatchTest {

  private static final long SECOND = 1_000_000_000L;

  private final SensorWatch watch = new SensorWatch(Duration.ofSeconds(12), 0);

  @Test
  void shouldStayFreshWhileReadingsArriveWithinTheTimeout() {
    for (long t = 3; t <= 60; t += 3) {
      assertThat(watch.becameStale(t * SECOND)).isFalse();
      assertThat(watch.reading(t * SECOND)).isFalse();
    }
    assertThat(watch.stale()).isFalse();
  }

  @Test
  void shouldBecomeStaleOnceWhenTheReadingsStopForLongerThanTheTimeout() {
    watch.reading(5 * SECOND);
    assertThat(watch.becameStale(17 * SECOND)).as("exactly the timeout is still fresh").isFalse();
    assertThat(watch.becameStale(17 * SECOND + 1)).isTrue();
    assertThat(watch.becameStale(30 * SECOND)).as("reported once").isFalse();
    assertThat(watch.stale()).isTrue();
    assertThat(watch.silence(30 * SECOND)).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void shouldBecomeStaleWhenNoReadingEverArrives() {
    assertThat(watch.becameStale(13 * SECOND)).isTrue();
  }

  @Test
  void shouldRecoverOnTheNextReading() {
    watch.becameStale(20 * SECOND);
    assertThat(watch.reading(21 * SECOND)).as("this reading ends the stale period").isTrue();
    assertThat(watch.stale()).isFalse();
    assertThat(watch.reading(22 * SECOND)).isFalse();
    assertThat(watch.becameStale(34 * SECOND + 1)).isTrue();
  }

  @Test
  void shouldRefuseATimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> new SensorWatch(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
