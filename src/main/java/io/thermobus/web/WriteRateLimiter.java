package io.thermobus.web;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per client: each may send {@code burst} writes at once and {@code perSecond} on
 * average. Remembers at most {@code maxClients} clients, so a flood from many addresses cannot
 * grow it without bound. Not thread-safe: the web verticle's event loop owns it.
 */
final class WriteRateLimiter {

  private static final long SECOND = 1_000_000_000L;

  private final double perSecond;
  private final int burst;
  private final int maxClients;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  WriteRateLimiter(int perSecond, int burst, int maxClients) {
    if (perSecond < 1 || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("rate, burst and client count must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxClients = maxClients;
  }

  /** Takes one write from the client's bucket: 0 when it may proceed, otherwise the nanoseconds until it could. */
  long acquire(String client, long now) {
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      if (buckets.size() >= maxClients) {
        forgetRefilled(now);
      }
      if (buckets.size() >= maxClients) {
        return SECOND;
      }
      bucket = new Bucket(burst, now);
      buckets.put(client, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perSecond / SECOND);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - bucket.tokens) * SECOND / perSecond);
  }

  /** Drops the clients whose bucket has refilled: remembering them would change nothing. */
  void forgetRefilled(long now) {
    buckets.values().removeIf(bucket -> bucket.tokens + (now - bucket.at) * perSecond / SECOND >= burst);
  }

  int clients() {
    return buckets.size();
  }
}
