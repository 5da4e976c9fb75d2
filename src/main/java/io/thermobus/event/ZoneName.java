package io.thermobus.event;

import java.util.regex.Pattern;

/** What a zone may be called, checked the same way in configuration, paths, queries and bus events. */
public final class ZoneName {

  /** 1 to 32 of a-z, 0-9, '-' and '_', starting with a letter or digit: safe in addresses and paths. */
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private ZoneName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }
}
