package io.thermobus.bus.remote;

/** A bus request refused for a reason the caller can act on; {@code status} is the HTTP status it maps to. */
public final class BusException extends RuntimeException {

  private final int status;

  public BusException(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
