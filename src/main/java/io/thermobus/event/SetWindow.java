package io.thermobus.event;

/**
 * A request to open a simulated zone's window for {@code seconds} of simulated time, or to close
 * it; its heat-loss shard triples the chapter's room's loss meanwhile, or tells a thermal room.
 */
public record SetWindow(String zone, boolean open, long seconds) {}
