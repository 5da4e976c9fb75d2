package io.thermobus.event;

/** Request to a history shard: one zone's samples of the last {@code seconds}. */
public record HistoryQuery(String zone, int seconds) {}
