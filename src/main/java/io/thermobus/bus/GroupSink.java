package io.thermobus.bus;

/**
 * Receives what {@link SubscriberBus#drainAll} hands over: each delivery with the index of the
 * member (in the list given to {@code drainAll}) it is for.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface GroupSink<T> {

  void accept(int member, Delivery<T> delivery);
}
