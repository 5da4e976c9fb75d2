package io.thermobus.bus;

/** The id was issued and then unsubscribed or lease-expired: gone for the life of the bus (HTTP 410). */
public final class SubscriptionGoneException extends SubscriptionException {

  public SubscriptionGoneException(long id) {
    super(id, "subscription " + id + " is gone");
  }
}
