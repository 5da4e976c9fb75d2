package io.thermobus.mqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * How readiness and {@code /metrics} see the broker connection: both read the connection's
 * thread-safe {@link MqttBrokerVerticle#status()}, so neither waits on its event loop.
 */
public final class BrokerHealth {

  private BrokerHealth() {}

  /** A readiness procedure {@code mqtt}: up while connected; the detail says to which broker, or why not. */
  public static void register(HealthChecks readiness, MqttBrokerVerticle connection) {
    readiness.register("mqtt", promise -> {
      BrokerStatus status = connection.status();
      JsonObject detail = new JsonObject()
          .put("broker", connection.settings().url().toString())
          .put("state", status.state().name().toLowerCase())
          .put("detail", status.detail())
          .put("since", status.since().toString());
      promise.complete(status.connected() ? Status.OK(detail) : Status.KO(detail));
    });
  }

  /** {@code thermobus_mqtt_connected} (1 or 0) and {@code thermobus_mqtt_connects_total}, for the life of the registry. */
  public static void meters(MeterRegistry registry, MqttBrokerVerticle connection) {
    Gauge.builder("thermobus.mqtt.connected", connection, c -> c.status().connected() ? 1 : 0)
        .description("1 while connected to the MQTT broker").strongReference(true).register(registry);
    FunctionCounter.builder("thermobus.mqtt.connects", connection, c -> c.status().connects())
        .description("successful connections to the MQTT broker, the first one and every reconnection").register(registry);
  }
}
