package io.thermobus.history;

import io.thermobus.event.Addresses;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.thermobus.sim.Centi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Keeps one zone's recent temperature, desired temperature and heater state for the dashboard's
 * chart, fed from the zone's topic events, and answers {@link Addresses#history} with the samples
 * of the last N seconds. Deploy it before the zone's room and input so it sees their first values.
 */
public final class HistoryVerticle extends VerticleBase {

  /** About 14 minutes at the finest resolution; coarser when events are further apart. */
  static final int CAPACITY = 4096;
  static final long RESOLUTION_MILLIS = 200;

  private final String zone;
  private final SampleRing ring = new SampleRing(CAPACITY, RESOLUTION_MILLIS);
  // The latest known values, owned by this verticle's event loop; null until first announced.
  private Integer temperatureCenti;
  private Integer desiredCenti;
  private boolean heaterOn;

  public HistoryVerticle(String zone) {
    this.zone = zone;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().<TemperatureChanged>consumer(Topic.TEMPERATURE.address(), m -> changed(m.body())).completion(),
        vertx.eventBus().<DesiredChanged>consumer(Topic.DESIRED.address(), m -> changed(m.body())).completion(),
        vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), m -> changed(m.body())).completion(),
        vertx.eventBus().<Integer>consumer(Addresses.history(zone), this::answer).completion());
  }

  private void changed(ZoneEvent event) {
    if (!event.zone().equals(zone)) {
      return;
    }
    if (event instanceof TemperatureChanged temperature) {
      temperatureCenti = temperature.centi();
    } else if (event instanceof DesiredChanged desired) {
      desiredCenti = desired.centi();
    } else if (event instanceof HeaterSwitched heater) {
      heaterOn = heater.on();
    }
    if (temperatureCenti != null && desiredCenti != null) {
      ring.record(new Sample(event.at(), temperatureCenti, desiredCenti, heaterOn));
    }
  }

  /** The body is the number of seconds wanted; the reply is {@code {"zone","seconds","samples":[...]}}. */
  private void answer(Message<Integer> request) {
    int seconds = request.body();
    JsonArray samples = new JsonArray();
    for (Sample sample : ring.since(Instant.now().minusSeconds(seconds))) {
      samples.add(new JsonObject()
          .put("at", sample.at().toString())
          .put("temperature", Centi.toCelsius(sample.temperatureCenti()))
          .put("desired", Centi.toCelsius(sample.desiredCenti()))
          .put("heaterOn", sample.heaterOn()));
    }
    request.reply(new JsonObject().put("zone", zone).put("seconds", seconds).put("samples", samples));
  }
}
