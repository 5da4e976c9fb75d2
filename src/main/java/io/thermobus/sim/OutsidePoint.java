package io.thermobus.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.control.InvalidSettingsException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** One point of a daily outside-temperature curve: the temperature at a time of day. */
public record OutsidePoint(@JsonFormat(pattern = "HH:mm") LocalTime at, double celsius) {

  public OutsidePoint {
    if (at == null) {
      throw new InvalidSettingsException("room.outsideDaily[].at is required (HH:MM)");
    }
    InvalidSettingsException.requireRange("room.outsideDaily[].celsius", celsius, -60, 60);
  }

  @JsonCreator
  static OutsidePoint json(@JsonProperty("at") String at, @JsonProperty("celsius") Double celsius) {
    if (celsius == null) {
      throw new InvalidSettingsException("room.outsideDaily[].celsius is required");
    }
    try {
      return new OutsidePoint(at == null ? null : LocalTime.parse(at), celsius);
    } catch (DateTimeParseException e) {
      throw new InvalidSettingsException("room.outsideDaily[].at must be a time of day HH:MM, got " + at);
    }
  }
}
