package io.thermobus.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** An immutable fact about one zone, published on the Vert.x event bus under its {@link Topic}. */
public interface ZoneEvent {

  String zone();

  Instant at();

  @JsonIgnore
  Topic topic();
}
