package io.thermobus.zone;

/** The directory refused to add a zone: it exists already, or the node hosts as many zones as it may. */
public final class ZoneConflictException extends Exception {

  public ZoneConflictException(String message) {
    super(message, null, false, false);
  }
}
