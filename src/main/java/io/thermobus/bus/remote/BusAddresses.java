package io.thermobus.bus.remote;

/**
 * Request/reply addresses of the bus on the Vert.x event bus, for the node's other verticles: local
 * to each node, since a subscription lives in the bus of the node that made it (with
 * {@code --cluster} every node's bus records every zone's events itself). Bodies and replies are JSON objects shaped like the HTTP API's; a refusal fails the
 * reply with the HTTP status as failure code and the detail as message.
 */
public final class BusAddresses {

  /** {@code {"topics":[...],"from":F}} → the subscription, with the {@code secret} that reading and ending it need. */
  public static final String SUBSCRIBE = "thermobus.bus.subscribe";
  /** {@code {"id":7,"secret":S,"max":N,"waitMs":T}} → {@code {"events":[...]}}. */
  public static final String DRAIN = "thermobus.bus.drain";
  /** {@code {"id":7,"secret":S}} → {@code {"id":7,"state":"tombstoned"}}. */
  public static final String UNSUBSCRIBE = "thermobus.bus.unsubscribe";
  /** {@code {"topic":"t","zone":"z","data":{...}}} → the envelope. */
  public static final String PUBLISH = "thermobus.bus.publish";
  /** {@code {"after":7,"limit":N}}, both optional → one page of the introspection. */
  public static final String INTROSPECT = "thermobus.bus.introspect";

  private BusAddresses() {}
}
