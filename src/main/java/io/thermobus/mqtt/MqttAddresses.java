package io.thermobus.mqtt;

import io.thermobus.event.EventCodec;
import io.vertx.core.eventbus.EventBus;

/**
 * The node's MQTT connection as seen from other verticles: they publish, subscribe and watch the
 * connection through these addresses and never touch the client, which lives on the broker
 * verticle's event loop.
 */
public final class MqttAddresses {

  /** Request/reply: an {@link MqttPublish}; answered once handed to the connection, failed when not connected. */
  public static final String PUBLISH = "thermobus.mqtt.publish";
  /** Request/reply: an {@link MqttSubscription}; answered once the broker acknowledged it, or once recorded while disconnected. */
  public static final String SUBSCRIBE = "thermobus.mqtt.subscribe";
  /** Request/reply: an {@link MqttSubscription} to end. */
  public static final String UNSUBSCRIBE = "thermobus.mqtt.unsubscribe";
  /** Published: a {@link BrokerStatus} each time the connection's state changes. */
  public static final String STATUS = "thermobus.mqtt.status";

  /** Reply code of a publish refused because the broker is not connected. */
  public static final int NOT_CONNECTED = 503;

  private MqttAddresses() {}

  /** Registers the codecs of the records above. Call once per Vert.x instance, beside {@link EventCodec#registerAll}. */
  public static void registerCodecs(EventBus eventBus) {
    EventCodec.register(eventBus, MqttPublish.class);
    EventCodec.register(eventBus, MqttSubscription.class);
    EventCodec.register(eventBus, MqttReceived.class);
    EventCodec.register(eventBus, BrokerStatus.class);
  }
}
