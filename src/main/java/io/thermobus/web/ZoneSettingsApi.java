package io.thermobus.web;

import io.thermobus.Json;
import io.thermobus.Refusal;
import io.thermobus.analytics.Analytics;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.event.AnalyticsQuery;
import io.thermobus.event.Concern;
import io.thermobus.event.SetWindow;
import io.thermobus.event.SetZoneSettings;
import io.thermobus.event.SettingsQuery;
import io.thermobus.event.SetControl;
import io.thermobus.experiment.ScenarioFiles;
import io.thermobus.schedule.Preset;
import io.thermobus.schedule.Presets;
import io.thermobus.schedule.Schedule;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.sim.SimClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A zone's settings over REST (control settings, preset, presets, schedule), read from and
 * written through the zone's input, their single writer, which saves a change before it confirms
 * it and applies it; and the zone's analytics, from its history shard.
 */
final class ZoneSettingsApi {

  /** A simulated week. */
  static final int MAX_ANALYTICS_SECONDS = 7 * 86_400;
  private static final int DEFAULT_ANALYTICS_SECONDS = 3_600;

  static final int DEFAULT_WINDOW_SECONDS = 600;
  static final int MAX_WINDOW_SECONDS = 86_400;

  private final ZoneCalls calls;
  private final SimClock clock;

  ZoneSettingsApi(ZoneCalls calls, SimClock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /** {@code GET /api/zones/{zone}/settings}. */
  void getSettings(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    settings(zone).onSuccess(settings -> ctx.json(Json.object(settings.control()))).onFailure(ctx::fail);
  }

  /** {@code PUT /api/zones/{zone}/settings}: the whole settings, missing fields at their defaults; 200 with what was saved. */
  void putSettings(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    ControlSettings settings = parse(ctx, ControlSettings.class);
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
    settings(zone)
        .compose(settings -> calls.<Analytics>request(Concern.HISTORY, zone,
            new AnalyticsQuery(zone, seconds, clock.timeScale(), settings.control().room().heaterPowerWatts())))
        .onSuccess(analytics -> ctx.json(Json.object(analytics).put("zone", zone).put("seconds", seconds)))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/zones/{zone}/preset}: {@code {"preset": "eco"}}, or {@code {"preset": null}} for the manual setpoint. */
  void getPreset(RoutingContext ctx) {
    settings(calls.zoneOf(ctx)).onSuccess(settings -> ctx.json(preset(settings))).onFailure(ctx::fail);
  }

  /** {@code PUT /api/zones/{zone}/preset}: selects a preset, or with {@code null} restores the manual setpoint. */
  void putPreset(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    JsonObject body = JsonBodies.object(ctx);
    if (!body.containsKey("preset")) {
      throw Refusal.badRequest("'preset' is required: one of comfort, eco, away, sleep, frost, or null for the manual setpoint");
    }
    Object name = body.getValue("preset");
    Preset preset;
    try {
      preset = name == null ? null : Preset.of(name instanceof String text ? text : JsonBodies.describe(name));
    } catch (InvalidSettingsException e) {
      throw Refusal.badRequest(e.getMessage());
    }
    change(ctx, new SetZoneSettings.SetPreset(zone, preset), ZoneSettingsApi::preset);
  }

  void getPresets(RoutingContext ctx) {
    settings(calls.zoneOf(ctx)).onSuccess(settings -> ctx.json(Json.object(settings.presets()))).onFailure(ctx::fail);
  }

  /** {@code PUT /api/zones/{zone}/presets}: each preset's °C, missing ones at their defaults. */
  void putPresets(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    Presets presets = parse(ctx, Presets.class);
    change(ctx, new SetZoneSettings.SetPresets(zone, presets), settings -> Json.object(settings.presets()));
  }

  void getSchedule(RoutingContext ctx) {
    settings(calls.zoneOf(ctx)).onSuccess(settings -> ctx.json(Json.object(settings.schedule()))).onFailure(ctx::fail);
  }

  /** {@code PUT /api/zones/{zone}/schedule}: {@code {"entries": [...]}}, in force from now in simulated time. */
  void putSchedule(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    Schedule schedule = parse(ctx, Schedule.class);
    change(ctx, new SetZoneSettings.SetSchedule(zone, schedule), settings -> Json.object(settings.schedule()));
  }

  /**
   * {@code POST /api/zones/{zone}/window}: {@code {"open": true, "seconds": 600}} opens the
   * simulated room's window (its loss tripled) for that long in simulated time (default
   * {@value #DEFAULT_WINDOW_SECONDS} s), {@code {"open": false}} closes it.
   */
  void postWindow(RoutingContext ctx) {
    String zone = calls.zoneOf(ctx);
    JsonObject body = JsonBodies.object(ctx);
    if (!(body.getValue("open") instanceof Boolean open)) {
      throw Refusal.badRequest("'open' is required: true or false");
    }
    long seconds = DEFAULT_WINDOW_SECONDS;
    if (body.containsKey("seconds")) {
      BigDecimal value = JsonBodies.finiteNumber(body, "seconds");
      if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(MAX_WINDOW_SECONDS)) > 0) {
        throw Refusal.badRequest("'seconds' must be a whole number from 1 to " + MAX_WINDOW_SECONDS);
      }
      seconds = value.longValueExact();
    }
    long applied = seconds;
    calls.<Boolean>request(Concern.HEAT_LOSS, zone, new SetWindow(zone, open, seconds))
        .onSuccess(done -> ctx.json(new JsonObject().put("zone", zone).put("open", open).put("seconds", open ? applied : 0)))
        .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx, SetZoneSettings request, Function<ZoneSettings, JsonObject> answer) {
    calls.<ZoneSettings>request(Concern.INPUT, request.zone(), request)
        .onSuccess(saved -> ctx.json(answer.apply(saved)))
        .onFailure(ctx::fail);
  }

  private Future<ZoneSettings> settings(String zone) {
    return calls.request(Concern.INPUT, zone, new SettingsQuery(zone));
  }

  private static JsonObject preset(ZoneSettings settings) {
    return new JsonObject().put("preset", settings.preset() == null ? null : settings.preset().apiName());
  }

  /** The body as settings of {@code type}; refuses (400) a bad or unknown field, naming it. */
  private static <T> T parse(RoutingContext ctx, Class<T> type) {
    try {
      return ScenarioFiles.convert(JsonBodies.object(ctx).getMap(), type);
    } catch (InvalidSettingsException e) {
      throw Refusal.badRequest(e.getMessage());
    }
  }
}
