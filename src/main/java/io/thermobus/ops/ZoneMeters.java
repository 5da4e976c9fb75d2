package io.thermobus.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.thermobus.sim.Centi;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The meters of one zone: temperature, desired temperature and heater state as gauges, heater
 * switches as counters and the heater's duty cycle. Updated by the metrics verticle's event loop
 * and read by scrapes on other threads, hence the volatile fields.
 */
final class ZoneMeters {

  static final Duration DUTY_CYCLE_WINDOW = Duration.ofMinutes(10);

  private final MeterRegistry registry;
  private final LongSupplier nanoClock;
  private final DutyCycle dutyCycle = new DutyCycle(DUTY_CYCLE_WINDOW);
  private final Counter switchesOn;
  private final Counter switchesOff;
  private final List<Meter> meters;

  private volatile double temperature = Double.NaN;
  private volatile double desired = Double.NaN;
  private volatile boolean heaterOn;

  ZoneMeters(MeterRegistry registry, String zone, LongSupplier nanoClock) {
    this.registry = registry;
    this.nanoClock = nanoClock;
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

  void remove() {
    meters.forEach(registry::remove);
  }
}
