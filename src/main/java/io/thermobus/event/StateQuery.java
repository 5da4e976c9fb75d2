package io.thermobus.event;

/** Request to a display shard: the {@link ZoneState} of one zone it hosts. */
public record StateQuery(String zone) {}
