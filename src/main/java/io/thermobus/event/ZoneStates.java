package io.thermobus.event;

import java.util.List;

/** A display shard's answer to a {@link ShardQuery}: the state of every zone it hosts. */
public record ZoneStates(List<ZoneState> states) {

  public ZoneStates {
    states = List.copyOf(states);
  }
}
