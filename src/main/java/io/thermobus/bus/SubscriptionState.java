package io.thermobus.bus;

/** Lifecycle of a subscription: live, then tombstoned at once on unsubscribe, then swept away. */
public enum SubscriptionState {
  LIVE,
  TOMBSTONED
}
