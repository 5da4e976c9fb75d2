package io.thermobus.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.util.Objects;

/** The user settings of one zone that survive a restart, as stored on disk (°C, two decimals). */
public record ZoneSettings(int version, BigDecimal desired) {

  public static final int VERSION = 1;

  @JsonCreator
  public ZoneSettings(@JsonProperty("version") int version, @JsonProperty("desired") BigDecimal desired) {
    this.version = version;
    this.desired = Objects.requireNonNull(desired, "desired");
  }

  public static ZoneSettings ofDesiredCenti(int desiredCenti) {
    return new ZoneSettings(VERSION, Centi.toCelsius(desiredCenti));
  }
}
