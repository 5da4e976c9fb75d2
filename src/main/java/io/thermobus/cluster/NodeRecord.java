package io.thermobus.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/** What a node publishes about itself in {@link HazelcastSetup#NODES_MAP}: where it serves HTTP ({@code null} until it does), and since when it is a member. */
public record NodeRecord(String httpUrl, Instant joinedAt) implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;
}
