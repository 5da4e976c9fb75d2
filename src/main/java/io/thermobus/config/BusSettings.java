package io.thermobus.config;

import java.time.Duration;

/** Retention, lease and sweep of the subscriber-queue bus, and how many remote subscriptions it holds. */
public record BusSettings(int retainEvents, Duration retainAge, int retainBytes, Duration lease, Duration sweepInterval,
                          Duration maxWait, int maxSubscriptions) {}
