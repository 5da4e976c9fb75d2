package io.thermobus.web;

import io.thermobus.Json;
import io.thermobus.Refusal;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlQuery;
import io.thermobus.event.SetControl;
import io.thermobus.experiment.ScenarioFiles;
import io.vertx.ext.web.RoutingContext;

/**
 * A zone's control settings over REST: read from and written through the zone's input, their
 * single writer, which saves a change before it confirms it and hands it to the zone's controller.
 */
final class ZoneSettingsApi {

  private final ZoneCalls calls;

  ZoneSettingsApi(ZoneCalls calls) {
    this.calls = calls;
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
}
