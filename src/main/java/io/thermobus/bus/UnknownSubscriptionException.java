package io.thermobus.bus;

/** The id was never issued by this bus (HTTP 404). */
public final class UnknownSubscriptionException extends SubscriptionException {

  public UnknownSubscriptionException(long id) {
    super(id, "subscription " + id + " was never issued");
  }
}
