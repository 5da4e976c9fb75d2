package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {

  private static final long MS = 1_000_000L;

  @Test
  void shouldAllowABurstThenTheSustainedRate() {
    WriteRateLimiter limiter = new WriteRateLimiter(10, 3, 100);
    assertThat(limiter.acquire("a", 0)).isZero();
    assertThat(limiter.acquire("a", 0)).isZero();
    assertThat(limiter.acquire("a", 0)).isZero();
    assertThat(limiter.acquire("a", 0)).as("one token comes back every 100 ms").isEqualTo(100 * MS);
    assertThat(limiter.acquire("a", 50 * MS)).isEqualTo(50 * MS);
    assertThat(limiter.acquire("a", 100 * MS)).isZero();
    assertThat(limiter.acquire("a", 100 * MS)).isPositive();
  }

  @Test
  void shouldKeepClientsApart() {
    WriteRateLimiter limiter = new WriteRateLimiter(1, 1, 100);
    assertThat(limiter.acquire("a", 0)).isZero();
    assertThat(limiter.acquire("a", 0)).isPositive();
    assertThat(limiter.acquire("b", 0)).isZero();
  }

  @Test
  void shouldNeverHoldMoreThanItsBurst() {
    WriteRateLimiter limiter = new WriteRateLimiter(10, 2, 100);
    limiter.acquire("a", 0);
    long hourLater = 3_600_000 * MS;
    assertThat(limiter.acquire("a", hourLater)).isZero();
    assertThat(limiter.acquire("a", hourLater)).isZero();
    assertThat(limiter.acquire("a", hourLater)).isPositive();
  }

  @Test
  void shouldForgetRefilledClientsAndStayBounded() {
    WriteRateLimiter limiter = new WriteRateLimiter(10, 1, 2);
    limiter.acquire("a", 0);
    limiter.acquire("b", 0);
    assertThat(limiter.acquire("c", 0)).as("full of clients who are still limited").isPositive();
    assertThat(limiter.clients()).isEqualTo(2);
    assertThat(limiter.acquire("c", 200 * MS)).as("a and b have refilled and are forgotten").isZero();
    assertThat(limiter.clients()).isEqualTo(1);
    limiter.forgetRefilled(10_000 * MS);
    assertThat(limiter.clients()).isZero();
  }
}
