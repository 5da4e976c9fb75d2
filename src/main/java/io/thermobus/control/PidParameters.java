package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code pid} controller: {@code u = kp·e + ki·∫e dt + kd·de/dt + kOutside·(desired − outside)}
 * with {@code e = desired − inside} in °C and time in hours, as a share of each PWM period. Anti-windup:
 * the integral term is clamped to ±{@code integralLimit}, does not grow while the output is
 * saturated in its direction, and is reset when the zone's control is suspended (fail-safe, open
 * window, cool-down) and when readings were {@code resetAfterSeconds} apart or more.
 */
public record PidParameters(double kp, double ki, double kd, double kOutside, long periodSeconds, double integralLimit,
    long resetAfterSeconds) {

  public static final PidParameters DEFAULT = new PidParameters(0.6, 0.4, 0, 0.01, 600, 1, 1800);

  public PidParameters {
    requireRange("pid.kp", kp, 0, 100);
    requireRange("pid.ki", ki, 0, 100);
    requireRange("pid.kd", kd, 0, 100);
    requireRange("pid.kOutside", kOutside, 0, 1);
    requireRange("pid.periodSeconds", periodSeconds, 10, 86_400);
    requireRange("pid.integralLimit", integralLimit, 0, 1);
    requireRange("pid.resetAfterSeconds", resetAfterSeconds, 1, 7 * 86_400);
  }

  @JsonCreator
  static PidParameters json(@JsonProperty("kp") Double kp, @JsonProperty("ki") Double ki, @JsonProperty("kd") Double kd,
      @JsonProperty("kOutside") Double kOutside, @JsonProperty("periodSeconds") Long period,
      @JsonProperty("integralLimit") Double integralLimit, @JsonProperty("resetAfterSeconds") Long resetAfter) {
    return new PidParameters(orDefault(kp, DEFAULT.kp), orDefault(ki, DEFAULT.ki), orDefault(kd, DEFAULT.kd),
        orDefault(kOutside, DEFAULT.kOutside), orDefault(period, DEFAULT.periodSeconds),
        orDefault(integralLimit, DEFAULT.integralLimit), orDefault(resetAfter, DEFAULT.resetAfterSeconds));
  }
}
