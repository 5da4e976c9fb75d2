package io.thermobus.bus;

/**
 * A one-shot wakeup armed with {@link SubscriberBus#onAvailable}: its callback runs at most once,
 * when the subscription has something to deliver or is tombstoned, unless cancelled first.
 */
public interface Wakeup {

  /**
   * Disarms the wakeup (a long-poll that timed out calls this).
   *
   * @return {@code true} if this call stopped the callback from ever running
   */
  boolean cancel();
}
