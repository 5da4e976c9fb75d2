package io.thermobus.testing;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test's own MQTT client on the real broker: it records what arrives on the topics it follows and publishes what the test says. */
public final class PlainMqttClient implements AutoCloseable {

  /** One message as it arrived, {@code atNanos} by {@link System#nanoTime()}. */
  public record Received(String topic, String payload, boolean retained, long atNanos) {}

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final MqttClient client;

  private PlainMqttClient(MqttClient client) {
    this.client = client;
    client.publishHandler(message -> received.add(
        new Received(message.topicName(), message.payload().toString(), message.isRetain(), System.nanoTime())));
  }

  public static PlainMqttClient connect(Vertx vertx, int port) throws Exception {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-" + System.nanoTime()));
    PlainMqttClient plain = new PlainMqttClient(client);
    client.connect(port, "127.0.0.1").await(20, TimeUnit.SECONDS);
    return plain;
  }

  public PlainMqttClient follow(String topic) throws Exception {
    client.subscribe(topic, 1).await(20, TimeUnit.SECONDS);
    return this;
  }

  public void publish(String topic, String payload, boolean retain) throws Exception {
    client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retain).await(20, TimeUnit.SECONDS);
  }

  public List<String> payloadsOn(String topic) {
    return received.stream().filter(message -> message.topic().equals(topic)).map(Received::payload).toList();
  }

  /** The last payload that arrived on {@code topic}, or {@code ""} before any. */
  public String lastPayloadOn(String topic) {
    List<String> payloads = payloadsOn(topic);
    return payloads.isEmpty() ? "" : payloads.get(payloads.size() - 1);
  }

  @Override
  public void close() throws Exception {
    if (client.isConnected()) {
      client.disconnect().await(20, TimeUnit.SECONDS);
    }
  }
}
