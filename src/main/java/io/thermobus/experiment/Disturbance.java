package io.thermobus.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.thermobus.control.InvalidSettingsException;
import java.time.Duration;

/**
 * Something that happens to the zone during a scenario, at {@code at} after its start:
 * {@code window} (open until {@code until}), {@code sensorSilent} (no readings until
 * {@code until}), or {@code setpoint} (a user sets {@code celsius}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disturbance(Type type, Duration at, Duration until, Double celsius) {

  public enum Type {
    WINDOW("window"),
    SENSOR_SILENT("sensorSilent"),
    SETPOINT("setpoint");

    private final String apiName;

    Type(String apiName) {
      this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
      return apiName;
    }

    @JsonCreator
    public static Type of(String name) {
      for (Type type : values()) {
        if (type.apiName.equals(name)) {
          return type;
        }
      }
      throw new InvalidSettingsException("disturbances[].type must be window, sensorSilent or setpoint, got " + name);
    }
  }

  public Disturbance {
    if (type == null || at == null || at.isNegative()) {
      throw new InvalidSettingsException("disturbances[] need a type and an at that is not negative (ISO-8601, e.g. PT7H30M)");
    }
    if (type == Type.SETPOINT) {
      if (celsius == null || until != null) {
        throw new InvalidSettingsException("disturbances[] of type setpoint need celsius and no until");
      }
      InvalidSettingsException.requireRange("disturbances[].celsius", celsius, 5, 35);
    } else if (until == null || until.compareTo(at) <= 0 || celsius != null) {
      throw new InvalidSettingsException("disturbances[] of type " + type.apiName + " need an until after at, and no celsius");
    }
  }

  @JsonCreator
  static Disturbance json(@JsonProperty("type") Type type, @JsonProperty("at") Duration at,
      @JsonProperty("until") Duration until, @JsonProperty("celsius") Double celsius) {
    return new Disturbance(type, at, until, celsius);
  }
}
