package io.thermobus.mqtt;

/**
 * A verticle's wish to receive the messages of one exact topic: each arrives as an
 * {@link MqttReceived} sent to {@code deliverTo}, also after the connection was lost and restored.
 */
public record MqttSubscription(String topic, String deliverTo) {

  public MqttSubscription {
    TopicName.check(topic);
  }
}
