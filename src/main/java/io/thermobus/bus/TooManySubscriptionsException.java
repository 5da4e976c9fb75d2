package io.thermobus.bus;

/** The bus already holds as many detached subscriptions as it may (HTTP 429). Thrown without a stack trace: it is an answer. */
public final class TooManySubscriptionsException extends RuntimeException {

  public TooManySubscriptionsException(int limit) {
    super("the bus holds " + limit + " subscriptions, its limit", null, false, false);
  }
}
