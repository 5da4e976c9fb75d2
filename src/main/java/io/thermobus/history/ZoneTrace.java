package io.thermobus.history;

import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.ZoneEvent;
import java.time.Instant;
import java.util.List;

/**
 * One zone's recent samples, fed from its topic events: each event that changes the temperature,
 * the desired temperature or the heater records a sample once the first two are known. Pure and
 * single-threaded: owned by one verticle's event loop.
 */
public final class ZoneTrace {

  /** At least 100 s at the finest resolution; at time scale 1 (a reading every 3 s) about 25 minutes. */
  static final int CAPACITY = 512;
  static final long RESOLUTION_MILLIS = 200;

  private final SampleRing ring = new SampleRing(CAPACITY, RESOLUTION_MILLIS);
  private Integer temperatureCenti;
  private Integer desiredCenti;
  private boolean heaterOn;

  public void changed(ZoneEvent event) {
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

  /** The samples at or after {@code from}, oldest first. */
  public List<Sample> since(Instant from) {
    return ring.since(from);
  }
}
