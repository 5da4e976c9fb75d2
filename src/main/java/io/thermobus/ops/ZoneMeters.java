package io.thermobus.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.thermobus.analytics.Analytics;
import io.thermobus.event.ZoneEvent;
import io.thermobus.history.ZoneTrace;
import io.thermobus.sim.Centi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of one zone: temperature, desired temperature and heater state as gauges, heater
 * switches as counters, the heater's duty cycle, and analytics of the last simulated hour (RMS
 * error, amplitude, switches per hour; recomputed by the metrics verticle's sweep). Updated by the metrics verticle's event loop
 * and read by scrapes on other threads, hence the volatile fields.
 */
final class ZoneMeters {

  static final Duration DUTY_CYCLE_WINDOW = Duration.ofMinutes(10);
  static final Duration ANALYTICS_WINDOW = Duration.ofHours(1);

  private final MeterRegistry registry;
  private final LongSupplier nanoClock;
  private final DutyCycle dutyCycle = new DutyCycle(DUTY_CYCLE_WINDOW);
  private final Counter switchesOn;
  private final Counter switchesOff;
  private final List<Meter> meters;

  private final ZoneTrace trace = new ZoneTrace();
  private final DoubleSupplier timeScale;
  /** The analytics of the last simulated hour, as of the last {@link #analyse}. */
  private volatile Analytics analytics = Analytics.of(List.of(), 0);
  private volatile double temperature = Double.NaN;
  private volatile double desired = Double.NaN;
  private volatile boolean heaterOn;

  ZoneMeters(MeterRegistry registry, String zone, LongSupplier nanoClock, DoubleSupplier timeScale) {
    this.registry = registry;
    this.nanoClock = nanoClock;
    this.timeScale = timeScale;
    Tags tags = Tags.of("zone", zone);
    switchesOn = switches(tags, "on");
    switchesOff = switches(tags, "off");
    meters = List.of(
        Gauge.builder("thermobus.zone.temperature", this, m -> m.temperature).tags(tags).baseUnit("celsius")
            .description("room temperature, NaN until the first reading").strongReference(true).register(registry),
        Gauge.builder("thermobus.zone.desired", this, m -> m.desired).tags(tags).baseUnit("celsius")
            .description("desired temperature, NaN until known").strongReference(true).register(registry),
        Gauge.builder("thermobus.zone.heater.on", this, m -> m.heaterOn ? 1 : 0).tags(tags)
            .description("1 while the heater is on").strongReference(true).register(registry),
        Gauge.builder("thermobus.heater.duty.cycle", this, m -> m.dutyCycle.ratio(m.nanoClock.getAsLong())).tags(tags)
            .baseUnit("ratio").description("share of the last " + DUTY_CYCLE_WINDOW.toMinutes()
                + " wall-clock minutes (or of the time since start) the heater was on")
            .strongReference(true).register(registry),
        Gauge.builder("thermobus.zone.rms.error", this, m -> m.analytics.rmsError()).tags(tags).baseUnit("celsius")
            .description("RMS comfort error over the last simulated hour").strongReference(true).register(registry),
        Gauge.builder("thermobus.zone.amplitude", this, m -> m.analytics.amplitude()).tags(tags).baseUnit("celsius")
            .description("oscillation amplitude around the setpoint over the last simulated hour").strongReference(true)
            .register(registry),
        Gauge.builder("thermobus.zone.switches.per.hour", this, m -> m.analytics.switchesPerHour()).tags(tags)
            .description("heater switches per simulated hour over the last simulated hour").strongReference(true)
            .register(registry),
        switchesOn,
        switchesOff);
  }

  private Counter switches(Tags tags, String state) {
    return Counter.builder("thermobus.heater.switches").tags(tags).tag("state", state)
        .description("heater switches, by the state switched to").register(registry);
  }

  void temperature(int centi) {
    temperature = Centi.toCelsius(centi).doubleValue();
  }

  void desired(int centi) {
    desired = Centi.toCelsius(centi).doubleValue();
  }

  void heater(boolean on) {
    heaterOn = on;
    (on ? switchesOn : switchesOff).increment();
    dutyCycle.switched(on, nanoClock.getAsLong());
  }

  /** Every zone event, for the analytics. */
  void trace(ZoneEvent event) {
    trace.changed(event);
  }

  /** Recomputes the analytics gauges from the samples of the last simulated hour. */
  void analyse() {
    double scale = timeScale.getAsDouble();
    Instant from = Instant.now().minusNanos(Math.round(ANALYTICS_WINDOW.toNanos() / scale));
    analytics = Analytics.ofWallClock(trace.since(from), scale, 0);
  }

  void remove() {
    meters.forEach(registry::remove);
  }
}
