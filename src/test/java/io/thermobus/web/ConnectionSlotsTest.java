package io.thermobus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slot bookkeeping on a manual clock (nanoseconds). */
class ConnectionSlotsTest {

  private static final long HEADER = 100;
  private static final long IDLE = 1_000;

  private final ConnectionSlots<String> slots = new ConnectionSlots<>(2, HEADER, IDLE);

  @Test
  void shouldGiveTheLongestIdleSlotToANewConnectionAtTheLimit() {
    slots.open("a", 0);
    slots.open("b", 1);
    slots.requestStarted("a");
    slots.requestStarted("b");
    slots.requestEnded("b", 3);
    slots.requestEnded("a", 5);
    ConnectionSlots.Opened<String> opened = slots.open("c", 10);
    assertThat(opened.admitted()).isTrue();
    assertThat(opened.evicted()).isEqualTo("b");
    assertThat(slots.size()).isEqualTo(2);
  }

  @Test
  void shouldRefuseANewConnectionWhenEverySlotIsBusyOrUpgraded() {
    slots.open("a", 0);
    slots.open("b", 0);
    slots.requestStarted("a");
    slots.upgraded("b");
    slots.requestEnded("b", 1);
    assertThat(slots.open("c", 2).admitted()).isFalse();
    assertThat(slots.isRefused("c")).isTrue();
    slots.closed("b");
    assertThat(slots.open("d", 3).admitted()).as("the closed WebSocket's slot is free").isTrue();
  }

  @Test
  void shouldFreeASlotOnceHoweverOftenItsConnectionCloses() {
    slots.open("a", 0);
    slots.upgraded("a");
    slots.closed("a");
    slots.closed("a");
    assertThat(slots.size()).isZero();
    assertThat(slots.expire(10_000)).isEmpty();
  }

  @Test
  void shouldExpireWaitingForHeadersAfterTheHeaderTimeoutAndIdleAfterTheIdleTimeout() {
    slots.open("new", 0);
    slots.open("idle", 0);
    slots.requestStarted("idle");
    slots.requestEnded("idle", 50);
    assertThat(slots.expire(HEADER - 1)).isEmpty();
    assertThat(slots.expire(HEADER)).containsExactly("new");
    assertThat(slots.expire(50 + IDLE - 1)).isEmpty();
    assertThat(slots.expire(50 + IDLE)).containsExactly("idle");
    assertThat(slots.size()).isZero();
  }

  @Test
  void shouldNeverExpireARequestInFlightNorAWebSocket() {
    slots.open("poll", 0);
    slots.open("socket", 0);
    slots.requestStarted("poll");
    slots.upgraded("socket");
    assertThat(slots.expire(1_000_000)).isEmpty();
    assertThat(slots.size()).isEqualTo(2);
  }

  @Test
  void shouldExpireARefusedConnectionThatSendsNothing() {
    slots.open("a", 0);
    slots.open("b", 0);
    slots.requestStarted("a");
    slots.requestStarted("b");
    slots.open("c", 0);
    assertThat(slots.expire(HEADER)).containsExactly("c");
    assertThat(slots.isRefused("c")).isFalse();
  }
}
