package io.thermobus.event;

/**
 * A simulated zone's heater started or stopped heating, sent by its heater shard to its room
 * shard: the switches as the heater obeys them, a switch on only once the zone's ownership
 * admits it. A thermal room heats by it.
 */
public record HeatingChanged(String zone, boolean on) {}
