package io.thermobus.mqtt;

import java.time.Instant;

/**
 * The state of the node's broker connection, since when, with a sentence for readiness and logs,
 * and how many times it has connected so far.
 */
public record BrokerStatus(State state, String detail, Instant since, long connects) {

  public enum State {
    /** The first attempt is under way. */
    CONNECTING,
    /** Connected: publishes go out, subscriptions are in place. */
    CONNECTED,
    /** Not connected (never reached, or lost); the next attempt is scheduled. */
    DISCONNECTED,
    /** The broker answered and said no (credentials, client id); tried again, less and less often. */
    REFUSED
  }

  public boolean connected() {
    return state == State.CONNECTED;
  }
}
