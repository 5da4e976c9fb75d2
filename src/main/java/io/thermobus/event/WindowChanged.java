package io.thermobus.event;

/**
 * A simulated zone's window opened or closed, sent by its heat-loss shard (the window's owner) to
 * its room shard, which a {@code thermal} room's loss depends on.
 */
public record WindowChanged(String zone, boolean open) {}
