package io.thermobus.ops;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.web.HttpMethods;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.UUID;

/** Vert.x instrumented with Micrometer: its HTTP, event-bus, pool and JVM metrics go to a Prometheus registry. */
public final class Metrics {

  private Metrics() {}

  /** A registry whose HTTP method label takes a bounded set of values, whatever method names clients send. */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_METHOD.toString(), HttpMethods::metricLabel));
    return registry;
  }

  /** A builder for a Vertx that reports into {@code registry}; the service adds its own meters to the same one. */
  public static VertxBuilder instrumentedVertx(PrometheusMeterRegistry registry) {
    return instrumentedVertx(registry, new VertxOptions());
  }

  /** The same, on top of {@code options} (a clustered node's event bus). */
  public static VertxBuilder instrumentedVertx(PrometheusMeterRegistry registry, VertxOptions options) {
    MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions()
        .setEnabled(true)
        // vertx-micrometer keeps backends in a static map by name: a unique name gives each Vertx its own.
        .setRegistryName("thermobus-" + UUID.randomUUID())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .addLabels(Label.HTTP_ROUTE);
    return Vertx.builder()
        .with(options.setMetricsOptions(metricsOptions))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }
}
