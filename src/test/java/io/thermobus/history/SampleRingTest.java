package io.thermobus.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleRingTest {

  private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

  private static Sample at(long millis, int temperature, boolean heaterOn) {
    return new Sample(T0.plusMillis(millis), temperature, 2100, heaterOn);
  }

  @Test
  void shouldKeepOnlyTheNewestSamplesOnceFull() {
    SampleRing ring = new SampleRing(3, 0);
    for (int i = 0; i < 5; i++) {
      ring.record(at(i * 1000L, 2000 + i, false));
    }
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.since(T0)).extracting(Sample::temperatureCenti).containsExactly(2002, 2003, 2004);
  }

  @Test
  void shouldMergeSamplesCloserThanTheResolutionKeepingTheLatestValues() {
    SampleRing ring = new SampleRing(10, 200);
    ring.record(at(0, 2000, false));
    ring.record(at(100, 2001, false));
    ring.record(at(199, 2002, false));
    ring.record(at(250, 2003, false));
    assertThat(ring.since(T0)).containsExactly(at(0, 2002, false), at(250, 2003, false));
  }

  @Test
  void shouldKeepEveryHeaterSwitchEvenWithinTheResolution() {
    SampleRing ring = new SampleRing(10, 200);
    ring.record(at(0, 2000, false));
    ring.record(at(10, 2000, true));
    ring.record(at(20, 2001, false));
    assertThat(ring.since(T0)).extracting(Sample::heaterOn).containsExactly(false, true, false);
  }

  @Test
  void shouldAnswerOnlyTheSamplesAtOrAfterTheStart() {
    SampleRing ring = new SampleRing(10, 0);
    ring.record(at(0, 2000, false));
    ring.record(at(1000, 2001, false));
    ring.record(at(2000, 2002, false));
    assertThat(ring.since(T0.plusMillis(1000))).extracting(Sample::temperatureCenti).containsExactly(2001, 2002);
  }
}
