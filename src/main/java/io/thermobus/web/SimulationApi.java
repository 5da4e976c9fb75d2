package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.sim.SimClock;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;

/** {@code GET}/{@code PUT /api/simulation}: the node's simulated clock, whose speed changes without a jump in time. */
final class SimulationApi {

  private final SimClock clock;

  SimulationApi(SimClock clock) {
    this.clock = clock;
  }

  void get(RoutingContext ctx) {
    ctx.json(state());
  }

  void put(RoutingContext ctx) {
    BigDecimal scale = JsonBodies.finiteNumber(JsonBodies.object(ctx), "timeScale");
    if (scale.compareTo(ThermobusConfig.MIN_TIME_SCALE) < 0 || scale.compareTo(ThermobusConfig.MAX_TIME_SCALE) > 0) {
      throw Refusal.badRequest("'timeScale' must be from " + ThermobusConfig.MIN_TIME_SCALE.toPlainString() + " to "
          + ThermobusConfig.MAX_TIME_SCALE.toPlainString() + ", got " + scale.toPlainString());
    }
    clock.setTimeScale(scale.doubleValue());
    ctx.json(state());
  }

  private JsonObject state() {
    return new JsonObject().put("timeScale", clock.timeScale()).put("simulatedSeconds", clock.now() / 1_000_000_000d);
  }
}
