package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.RunningService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service with {@code mqttUrl} set: readiness and {@code /metrics} report the broker connection, and why it is down. */
class BrokerReadinessTest {

  private MosquittoBroker broker;
  private RunningService service;

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void readinessAndMetricsShowTheConnection() throws Exception {
    broker = MosquittoBroker.start();
    service = RunningService.startInstrumented(new JsonObject().put("mqttUrl", broker.url()));
    await().atMost(Duration.ofSeconds(30)).until(() -> mqttCheck().getString("status").equals("UP"));
    assertThat(mqttCheck().getJsonObject("data").getString("broker")).isEqualTo(broker.url());
    String metrics = service.send(HttpMethod.GET, "/metrics", null, null, null).bodyAsString();
    assertThat(metrics).contains("thermobus_mqtt_connected 1.0").contains("thermobus_mqtt_connects_total 1.0");
  }

  @Test
  void readinessSaysTheBrokerRefusedTheCredentials() throws Exception {
    broker = MosquittoBroker.start(Map.of("heating", "right"));
    service = RunningService.startInstrumented(new JsonObject().put("mqttUrl", broker.url())
        .put("mqttUsername", "heating").put("mqttPassword", "wrong"));
    await().atMost(Duration.ofSeconds(30)).until(() -> mqttCheck().getString("status").equals("DOWN")
        && mqttCheck().getJsonObject("data").getString("state").equals("refused"));
    assertThat(mqttCheck().getJsonObject("data").getString("detail")).startsWith("broker refused the credentials");
    assertThat(service.send(HttpMethod.GET, "/health/ready", null, null, null).statusCode()).isEqualTo(503);
    assertThat(service.send(HttpMethod.GET, "/metrics", null, null, null).bodyAsString()).contains("thermobus_mqtt_connected 0.0");
  }

  private JsonObject mqttCheck() throws Exception {
    JsonObject ready = service.send(HttpMethod.GET, "/health/ready", null, null, null).bodyAsJsonObject();
    return ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> check.getString("id").equals("mqtt")).findFirst().orElseThrow();
  }
}
