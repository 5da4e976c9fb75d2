package io.thermobus.event;

/**
 * A request to open a simulated zone's window for {@code seconds} of simulated time, or to close
 * it; its heat-loss shard triples the room's loss meanwhile, as the chapter's room model does.
 */
public record SetWindow(String zone, boolean open, long seconds) {}
