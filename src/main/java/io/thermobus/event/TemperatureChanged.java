package io.thermobus.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Instant;

/** The room's temperature changed; published by the room, its single writer. */
public record TemperatureChanged(String zone, int centi, Instant at) implements ZoneEvent {

  @JsonProperty("celsius")
  public BigDecimal celsius() {
    return Centi.toCelsius(centi);
  }

  @Override
  public Topic topic() {
    return Topic.TEMPERATURE;
  }
}
