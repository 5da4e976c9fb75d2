package io.thermobus.testing;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;

/**
 * A service on a real Mosquitto the rig starts for it, on a Vert.x of the test's own: started
 * together, connected before the test runs, closed in order. Skips the test where Mosquitto is missing.
 */
public final class MqttRig implements AutoCloseable {

  public final Vertx vertx;
  public final MosquittoBroker broker;
  public final RunningService service;

  private MqttRig(Vertx vertx, MosquittoBroker broker, RunningService service) {
    this.vertx = vertx;
    this.broker = broker;
    this.service = service;
  }

  /** Starts a broker and the service with {@code config} and the broker's {@code mqttUrl}; answers once it is connected. */
  public static MqttRig start(JsonObject config) throws Exception {
    return start(config, vertx -> {});
  }

  /** As {@link #start(JsonObject)}, with {@code beforeStart} given the Vert.x before the service starts on it (to watch its bus). */
  public static MqttRig start(JsonObject config, Consumer<Vertx> beforeStart) throws Exception {
    MosquittoBroker.assumeInstalled();
    Vertx vertx = Vertx.vertx();
    beforeStart.accept(vertx);
    MosquittoBroker broker = null;
    try {
      broker = MosquittoBroker.start();
      MqttRig rig = new MqttRig(vertx, broker, RunningService.start(vertx, config.copy().put("mqttUrl", broker.url())));
      rig.awaitConnected();
      return rig;
    } catch (Exception | AssertionError e) {
      if (broker != null) {
        broker.close();
      }
      vertx.close().await(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** Waits until readiness reports the broker connection up. */
  public void awaitConnected() {
    awaitLong().until(() -> RunningService.check(service.send(HttpMethod.GET, "/health/ready", null, null, null).bodyAsJsonObject(),
        "mqtt").getString("status").equals("UP"));
  }

  /** {@code GET /api/zones/{name}}. */
  public JsonObject zone(String name) throws Exception {
    return service.send(HttpMethod.GET, "/api/zones/" + name, null, null, null).bodyAsJsonObject();
  }

  /** Real devices and a broker on a busy machine: generous waits, polled often. */
  public static ConditionFactory awaitLong() {
    return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
  }

  @Override
  public void close() throws Exception {
    try {
      service.close();
      broker.close();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
