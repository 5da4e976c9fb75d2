package io.thermobus.zone;

/**
 * Tells a concern's shard to stop hosting a zone and drop its state; it replies once it has.
 * {@code handedOver}: the zone lives on, driven by the node that owns it now, so nothing is said
 * to its devices on the way out; otherwise the zone was deleted.
 */
public record ZoneRemoved(String zone, boolean handedOver) {}
