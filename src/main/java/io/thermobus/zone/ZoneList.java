package io.thermobus.zone;

import java.util.Collection;
import java.util.stream.Collectors;

/** Names zones in one log line, however many: a failure of 10,000 zones is one line with a count. */
public final class ZoneList {

  static final int NAMED = 5;

  private ZoneList() {}

  /** {@code Zone home} for one zone, {@code 3 zones (a, b, c)} or {@code 12000 zones (a, b, c, d, e, ...)}. */
  public static String describe(Collection<String> zones) {
    if (zones.size() == 1) {
      return "Zone " + zones.iterator().next();
    }
    String named = zones.stream().limit(NAMED).collect(Collectors.joining(", "));
    return zones.size() + " zones (" + named + (zones.size() > NAMED ? ", ..." : "") + ")";
  }
}
