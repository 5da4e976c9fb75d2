package io.thermobus.event;

import java.util.Locale;

/**
 * Where a zone's temperature readings stand: none yet since its display started (not a fault: the
 * heater stays off until the first one), arriving, or stopped for longer than the stale timeout (a fault).
 */
public enum Readings {
  WAITING, LIVE, STALE;

  /** The name in JSON: {@code waiting}, {@code live}, {@code stale}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
