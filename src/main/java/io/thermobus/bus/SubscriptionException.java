package io.thermobus.bus;

/**
 * A call named a subscription that cannot deliver. Thrown without a stack trace: it is an
 * answer (HTTP 404 or 410), not a bug.
 */
public abstract sealed class SubscriptionException extends RuntimeException
    permits SubscriptionGoneException, UnknownSubscriptionException {

  private final long id;

  SubscriptionException(long id, String message) {
    super(message, null, false, false);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
