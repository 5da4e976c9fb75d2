package io.thermobus.zone;

/** Tells a concern's shard to start hosting a zone created at run time; it replies once it does. */
public record ZoneAdded(ZoneSpec spec) {}
