package io.thermobus.mqtt;

/** A message to publish: text payload, QoS 0 to 2, retained or not. */
public record MqttPublish(String topic, String payload, int qos, boolean retain) {

  public MqttPublish {
    TopicName.check(topic);
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
    }
  }
}
