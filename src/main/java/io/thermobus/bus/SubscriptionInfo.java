package io.thermobus.bus;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as introspection shows it.
 *
 * @param id             64-bit, increasing, never reused
 * @param state          live or tombstoned (swept subscriptions are not shown)
 * @param topics         the filter, sorted; empty = every topic
 * @param next           the bus seq it reads next
 * @param lag            raw bus seqs between its cursor and head ({@code head + 1 - next}, at
 *                       least 0) whatever their topic, so a filtered subscriber may match fewer;
 *                       includes seqs already evicted. A tombstoned subscription has lag 0: it
 *                       will never deliver again
 * @param leaseExpiresAt when it is tombstoned unless polled first; {@code null} without a lease
 */
public record SubscriptionInfo(long id, SubscriptionState state, List<String> topics, long next, long lag,
                               Instant leaseExpiresAt) {
}
