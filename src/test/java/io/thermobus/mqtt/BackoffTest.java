package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheMaximumAndStartsOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(3));
    backoff.reset();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(500));
  }
}
