package io.thermobus.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thermobus.bus.BusSnapshot;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.SubscriptionInfo;
import io.thermobus.bus.SubscriptionState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The subscriber-queue bus's meters, read from its thread-safe {@link SubscriberBus#snapshot()}.
 * One scrape reads many meters: they share a snapshot for a short while rather than each taking
 * its own. Scrapes may come from any thread, hence synchronized.
 */
final class BusMeters {

  private static final long SNAPSHOT_REUSE_NANOS = Duration.ofMillis(250).toNanos();

  private final SubscriberBus<?> bus;
  private final LongSupplier nanoClock;
  private BusSnapshot snapshot;
  private long takenAt;

  BusMeters(SubscriberBus<?> bus, LongSupplier nanoClock) {
    this.bus = bus;
    this.nanoClock = nanoClock;
  }

  List<Meter> register(MeterRegistry registry) {
    return List.of(
        counter(registry, "thermobus.bus.published", "events published on the bus (its head seq)", BusSnapshot::published),
        counter(registry, "thermobus.bus.sweeps", "tombstone sweeps run", BusSnapshot::sweeps),
        counter(registry, "thermobus.bus.lagged.markers", "lag markers delivered to subscribers that fell out of retention",
            BusSnapshot::laggedMarkers),
        gauge(registry, "thermobus.bus.retained", "events retained now", BusSnapshot::retained),
        gauge(registry, "thermobus.bus.publish.rate", "events per second over the last 10 s", BusSnapshot::publishRate),
        subscribers(registry, SubscriptionState.LIVE),
        subscribers(registry, SubscriptionState.TOMBSTONED),
        gauge(registry, "thermobus.bus.lag.max", "largest lag of a live subscription, bus seqs",
            s -> s.subscriptions().stream().mapToLong(SubscriptionInfo::lag).max().orElse(0)),
        gauge(registry, "thermobus.bus.lag.sum", "lag summed over live subscriptions, bus seqs",
            s -> s.subscriptions().stream().mapToLong(SubscriptionInfo::lag).sum()));
  }

  private Meter subscribers(MeterRegistry registry, SubscriptionState state) {
    return Gauge.builder("thermobus.bus.subscribers", this,
            meters -> meters.snapshot().subscriptions().stream().filter(s -> s.state() == state).count())
        .tag("state", state.name().toLowerCase(Locale.ROOT))
        .description("subscriptions, live or tombstoned and not yet swept")
        .strongReference(true)
        .register(registry);
  }

  private Meter counter(MeterRegistry registry, String name, String description, ToDoubleFunction<BusSnapshot> value) {
    return FunctionCounter.builder(name, this, meters -> value.applyAsDouble(meters.snapshot()))
        .description(description).register(registry);
  }

  private Meter gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<BusSnapshot> value) {
    return Gauge.builder(name, this, meters -> value.applyAsDouble(meters.snapshot()))
        .description(description).strongReference(true).register(registry);
  }

  private synchronized BusSnapshot snapshot() {
    long now = nanoClock.getAsLong();
    if (snapshot == null || now - takenAt > SNAPSHOT_REUSE_NANOS) {
      snapshot = bus.snapshot();
      takenAt = now;
    }
    return snapshot;
  }
}
