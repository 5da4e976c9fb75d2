package io.thermobus.mqtt;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A decimal number as devices and Home Assistant write one in a payload: {@code 21.5}, {@code -3},
 * {@code 2.15e1}. Never NaN or infinity, and no exponent large enough to make arithmetic slow.
 */
public final class PlainNumber {

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][+-]?\\d{1,2})?");

  private PlainNumber() {}

  public static Optional<BigDecimal> parse(String text) {
    String trimmed = text.strip();
    return NUMBER.matcher(trimmed).matches() ? Optional.of(new BigDecimal(trimmed)) : Optional.empty();
  }
}
