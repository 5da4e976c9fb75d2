package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The {@code seconds} query parameter of the zone reads: one whole number within a limit, or a default. */
final class QuerySeconds {

  private QuerySeconds() {}

  /** Refuses (400) anything but one whole number from 1 to {@code max}; absent, {@code absent}. */
  static int of(RoutingContext ctx, int absent, int max) {
    List<String> values = ctx.queryParam("seconds");
    if (values.isEmpty()) {
      return absent;
    }
    String value = values.get(0);
    if (values.size() == 1 && value.matches("[0-9]{1,9}")) {
      int seconds = Integer.parseInt(value);
      if (seconds >= 1 && seconds <= max) {
        return seconds;
      }
    }
    throw Refusal.badRequest("'seconds' must be one whole number from 1 to " + max);
  }
}
