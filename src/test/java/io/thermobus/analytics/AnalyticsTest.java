package io.thermobus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thermobus.history.Sample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

  private static Sample at(long seconds, int temperature, int desired, boolean on) {
    return new Sample(T0.plusSeconds(seconds), temperature, desired, on);
  }

  @Test
  void shouldGiveTheKnownFiguresOfAKnownTrace() {
    List<Sample> trace = List.of(
        at(0, 2000, 2100, true),
        at(600, 2100, 2100, true), // reached
        at(900, 2120, 2100, false),
        at(1500, 2090, 2100, true),
        at(1800, 2100, 2100, true));
    Analytics analytics = Analytics.of(trace, 2000);
    assertThat(analytics.dutyCycle()).isEqualTo(0.6667);
    assertThat(analytics.switchesPerHour()).isEqualTo(4);
    assertThat(analytics.overshoot()).isEqualTo(0.2);
    assertThat(analytics.undershoot()).isEqualTo(0.1);
    assertThat(analytics.amplitude()).isEqualTo(0.15);
    // (1² · 600 + 0.2² · 600 + 0.1² · 300) / 1800
    assertThat(analytics.rmsError()).isCloseTo(Math.sqrt(627.0 / 1800), within(1e-4));
    assertThat(analytics.degreeMinutesBelow()).isEqualTo(10.5);
    assertThat(analytics.secondsToSetpoint()).as("no rise of the setpoint in the window").isNull();
    assertThat(analytics.energyKWh()).isEqualTo(0.6667);
  }

  @Test
  void shouldGiveALiveZonesFiguresInSimulatedTime() {
    // The known trace, its wall instants 60 times closer together: as the live zone at time scale 60 records it.
    List<Sample> wall = List.of(
        at(0, 2000, 2100, true),
        at(10, 2100, 2100, true),
        at(15, 2120, 2100, false),
        at(25, 2090, 2100, true),
        at(30, 2100, 2100, true));
    Analytics live = Analytics.ofWallClock(wall, 60, 2000);
    assertThat(live.switchesPerHour()).isEqualTo(4);
    assertThat(live.dutyCycle()).isEqualTo(0.6667);
    assertThat(live.degreeMinutesBelow()).as("°C·min of simulated time").isEqualTo(10.5);
    assertThat(Analytics.ofWallClock(wall, 1, 2000).switchesPerHour()).as("the same wall trace at scale 1").isEqualTo(240);
  }

  @Test
  void shouldTimeTheRiseToANewSetpoint() {
    List<Sample> trace = List.of(
        at(0, 1700, 1700, false),
        at(600, 1700, 2100, true),
        at(1800, 2100, 2100, true),
        at(2400, 2100, 2100, false));
    Analytics analytics = Analytics.of(trace, 1000);
    assertThat(analytics.secondsToSetpoint()).isEqualTo(1200);
    assertThat(analytics.dutyCycle()).isEqualTo(0.75);
    assertThat(analytics.switchesPerHour()).isEqualTo(3);
    assertThat(Analytics.of(trace.subList(0, 3), 1000).secondsToSetpoint()).as("never reached in the window").isNull();
  }

  @Test
  void shouldCountNothingWithoutTwoSamples() {
    assertThat(Analytics.of(List.of(at(0, 2000, 2100, true)), 1000).dutyCycle()).isZero();
  }
}
