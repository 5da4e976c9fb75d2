package io.thermobus.event;

/**
 * Request to a shard for the state of every zone it hosts, in one reply: a display shard answers
 * {@link ZoneStates}, an input shard {@link DesiredValues}, a heat-loss shard {@link OpenWindows}.
 */
public record ShardQuery() {}
