package io.thermobus.control;

/**
 * A setting outside its allowed range or of the wrong kind. The message names the field and the
 * rule, so it can be shown to the user as it is (the REST layer answers it as a 400 problem).
 */
public final class InvalidSettingsException extends IllegalArgumentException {

  public InvalidSettingsException(String message) {
    super(message);
  }

  /** Fails with {@code field must be between min and max, got value} unless min ≤ value ≤ max. */
  public static double requireRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidSettingsException(field + " must be between " + plain(min) + " and " + plain(max) + ", got " + plain(value));
    }
    return value;
  }

  public static long requireRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidSettingsException(field + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
