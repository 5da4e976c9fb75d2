package io.thermobus.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Instant;

/** The desired temperature changed; published by the zone's input, its single writer. */
public record DesiredChanged(String zone, int centi, String source, Instant at) implements ZoneEvent {

  @JsonProperty("celsius")
  public BigDecimal celsius() {
    return Centi.toCelsius(centi);
  }

  @Override
  public Topic topic() {
    return Topic.DESIRED;
  }
}
