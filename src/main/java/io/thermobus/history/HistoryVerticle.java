package io.thermobus.history;

import io.thermobus.analytics.Analytics;
import io.thermobus.event.AnalyticsQuery;
import io.thermobus.event.Concern;
import io.thermobus.event.HistoryQuery;
import io.thermobus.event.ZoneEvent;
import io.thermobus.sim.Centi;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard of histories: keeps each hosted zone's recent temperature, desired temperature and
 * heater state for the dashboard's chart, fed from the zones' topic events, and answers a
 * {@link HistoryQuery} with the samples of the last N seconds and an {@link AnalyticsQuery} with
 * their analytics. It starts before the rooms and
 * inputs so it sees their first values.
 */
public final class HistoryVerticle extends ShardVerticle {

  private final Map<String, ZoneTrace> histories = new HashMap<>();

  public HistoryVerticle(int shard, ZoneDirectory directory) {
    super(Concern.HISTORY, shard, directory);
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> histories.put(spec.name(), new ZoneTrace()));
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    histories.put(spec.name(), new ZoneTrace());
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> remove(String zone) {
    histories.remove(zone);
    return Future.succeededFuture();
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof HistoryQuery query) {
      answer(query, message);
    } else if (body instanceof AnalyticsQuery query) {
      ZoneTrace history = histories.get(query.zone());
      if (history == null) {
        message.fail(UNKNOWN_ZONE, "no zone named '" + query.zone() + "'");
        return;
      }
      Instant from = Instant.now().minusNanos(Math.round(query.seconds() * 1e9 / query.timeScale()));
      message.reply(Analytics.ofWallClock(history.since(from), query.timeScale(), query.heaterPowerWatts()));
    } else if (body instanceof ZoneEvent event) {
      ZoneTrace history = histories.get(event.zone());
      if (history != null) {
        history.changed(event);
      }
    }
  }

  /** The reply is {@code {"zone","seconds","samples":[...]}}. */
  private void answer(HistoryQuery query, Message<Object> message) {
    ZoneTrace history = histories.get(query.zone());
    if (history == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + query.zone() + "'");
      return;
    }
    JsonArray samples = new JsonArray();
    for (Sample sample : history.since(Instant.now().minusSeconds(query.seconds()))) {
      samples.add(new JsonObject()
          .put("at", sample.at().toString())
          .put("temperature", Centi.toCelsius(sample.temperatureCenti()))
          .put("desired", Centi.toCelsius(sample.desiredCenti()))
          .put("heaterOn", sample.heaterOn()));
    }
    message.reply(new JsonObject().put("zone", query.zone()).put("seconds", query.seconds()).put("samples", samples));
  }
}
