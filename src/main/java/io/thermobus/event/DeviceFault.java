package io.thermobus.event;

/**
 * From a zone's device shard to its display shard: why the zone's real devices fail it (a lost
 * broker, a relay that contradicts its command), or {@code null} once they do as told again.
 */
public record DeviceFault(String zone, String fault) {}
