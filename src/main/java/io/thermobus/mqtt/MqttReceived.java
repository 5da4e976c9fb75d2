package io.thermobus.mqtt;

/** A message the broker delivered on a subscribed topic; {@code retained} when it is the broker's stored last value. */
public record MqttReceived(String topic, String payload, boolean retained) {}
