package io.thermobus.history;

import io.thermobus.analytics.Analytics;
import io.thermobus.event.Concern;
import io.thermobus.event.AnalyticsQuery;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.HistoryQuery;
import io.thermobus.event.TemperatureChanged;
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

  /** At least 100 s at the finest resolution; at time scale 1 (a reading every 3 s) about 25 minutes. */
  static final int CAPACITY = 512;
  static final long RESOLUTION_MILLIS = 200;

  /** One zone's history and latest known values (null until first announced); owned by this verticle's event loop. */
  private static final class History {
    final SampleRing ring = new SampleRing(CAPACITY, RESOLUTION_MILLIS);
    Integer temperatureCenti;
    Integer desiredCenti;
    boolean heaterOn;
  }

  private final Map<String, History> histories = new HashMap<>();

  public HistoryVerticle(int shard, ZoneDirectory directory) {
    super(Concern.HISTORY, shard, directory);
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> histories.put(spec.name(), new History()));
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    histories.put(spec.name(), new History());
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
      History history = histories.get(query.zone());
      if (history == null) {
        message.fail(UNKNOWN_ZONE, "no zone named '" + query.zone() + "'");
        return;
      }
      Instant from = Instant.now().minusNanos(Math.round(query.seconds() * 1e9 / query.timeScale()));
      message.reply(Analytics.ofWallClock(history.ring.since(from), query.timeScale(), query.heaterPowerWatts()));
    } else if (body instanceof ZoneEvent event) {
      History history = histories.get(event.zone());
      if (history != null) {
        changed(history, event);
      }
    }
  }

  private static void changed(History history, ZoneEvent event) {
    if (event instanceof TemperatureChanged temperature) {
      history.temperatureCenti = temperature.centi();
    } else if (event instanceof DesiredChanged desired) {
      history.desiredCenti = desired.centi();
    } else if (event instanceof HeaterSwitched heater) {
      history.heaterOn = heater.on();
    }
    if (history.temperatureCenti != null && history.desiredCenti != null) {
      history.ring.record(new Sample(event.at(), history.temperatureCenti, history.desiredCenti, history.heaterOn));
    }
  }

  /** The reply is {@code {"zone","seconds","samples":[...]}}. */
  private void answer(HistoryQuery query, Message<Object> message) {
    History history = histories.get(query.zone());
    if (history == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + query.zone() + "'");
      return;
    }
    JsonArray samples = new JsonArray();
    for (Sample sample : history.ring.since(Instant.now().minusSeconds(query.seconds()))) {
      samples.add(new JsonObject()
          .put("at", sample.at().toString())
          .put("temperature", Centi.toCelsius(sample.temperatureCenti()))
          .put("desired", Centi.toCelsius(sample.desiredCenti()))
          .put("heaterOn", sample.heaterOn()));
    }
    message.reply(new JsonObject().put("zone", query.zone()).put("seconds", query.seconds()).put("samples", samples));
  }
}
