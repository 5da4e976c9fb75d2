package io.thermobus.web;

import io.thermobus.Json;
import io.thermobus.Refusal;
import io.thermobus.analytics.Analytics;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.event.AnalyticsQuery;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlQuery;
import io.thermobus.event.SetControl;
import io.thermobus.experiment.ScenarioFiles;
import io.thermobus.sim.SimClock;
import io.vertx.ext.web.RoutingContext;

/**
 * A zone's control settings over REST, read from and written through the zone's input, their
 * single writer, which saves a change before it confirms it and hands it to the zone's
 * controller; and the zone's analytics, from its history shard.
 */
final class ZoneSettingsApi {

  /** A simulated week. */
  static final int MAX_ANALYTICS_SECONDS = 7 * 86_400;
  private static final int DEFAULT_ANALYTICS_SECONDS = 3_600;

  private final ZoneCalls calls;
  private final SimClock clock;

  ZoneSettingsApi(ZoneCalls calls, SimClock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /** {@code GET /api/zones/{zone}/settings}. */
  void getSettings(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    calls.<ControlSettings>request(Concern.INPUT, zone, new ControlQuery(zone))
        .onSuccess(settings -> ctx.json(Json.object(settings)))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/zones/{zone}/settings}: the whole settings, missing fields at their defaults; 200 with what was saved. */
  void putSettings(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    ControlSettings settings;
    try {
      settings = ScenarioFiles.convert(JsonBodies.object(ctx).getMap(), ControlSettings.class);
    } catch (InvalidSettingsException e) {
      throw Refusal.badRequest(e.getMessage());
    }
    calls.<ControlSettings>request(Concern.INPUT, zone, new SetControl(zone, settings))
        .onSuccess(saved -> ctx.json(Json.object(saved)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /api/zones/{zone}/analytics?seconds=N}: the figures of the last N simulated seconds
   * (default an hour), as far as the zone's history reaches, priced at its heater's power.
   */
  void getAnalytics(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    int seconds = QuerySeconds.of(ctx, DEFAULT_ANALYTICS_SECONDS, MAX_ANALYTICS_SECONDS);
    calls.<ControlSettings>request(Concern.INPUT, zone, new ControlQuery(zone))
        .compose(settings -> calls.<Analytics>request(Concern.HISTORY, zone,
            new AnalyticsQuery(zone, seconds, clock.timeScale(), settings.room().heaterPowerWatts())))
        .onSuccess(analytics -> ctx.json(Json.object(analytics).put("zone", zone).put("seconds", seconds)))
        .onFailure(ctx::fail);
  }
}
