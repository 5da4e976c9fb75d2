package io.thermobus.zone;

/** Tells a concern's shard to stop hosting a deleted zone and drop its state; it replies once it has. */
public record ZoneRemoved(String zone) {}
