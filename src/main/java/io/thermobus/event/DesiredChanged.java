package io.thermobus.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.time.Instant;

/** The desired temperature changed; published by the zone's input, its single writer. */
public record DesiredChanged(String zone, int centi, String source, Instant at) implements ZoneEvent {

  /** The source of a change the zone's weekly schedule made. */
  public static final String SCHEDULE = "schedule";
  /** The source of a change by selecting a preset or changing the presets. */
  public static final String PRESET = "preset";

  @JsonProperty("celsius")
  public BigDecimal celsius() {
    return Centi.toCelsius(centi);
  }

  /** Whether a person set this temperature, rather than the schedule or a preset: it may lift the minimum on/off time. */
  public boolean byUser() {
    return !SCHEDULE.equals(source) && !PRESET.equals(source);
  }

  @Override
  public Topic topic() {
    return Topic.DESIRED;
  }
}
