package io.thermobus.event;

/**
 * Request to a history shard: the analytics of one zone over its last {@code seconds} of
 * simulated time, at the node's current {@code timeScale}, for a heater of {@code heaterPowerWatts}.
 */
public record AnalyticsQuery(String zone, long seconds, double timeScale, double heaterPowerWatts) {}
