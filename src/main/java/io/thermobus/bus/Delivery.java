package io.thermobus.bus;

/**
 * One element of a subscriber's queue: an {@link Envelope} it matched, or a {@link Lagged}
 * marker saying it fell out of retention and where it resumes.
 *
 * @param <T> the payload type of the bus
 */
public sealed interface Delivery<T> permits Envelope, Lagged {
}
