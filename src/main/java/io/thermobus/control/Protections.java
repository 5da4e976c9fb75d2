package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Protections applied over every controller, in seconds of simulated time (0 turns one off).
 * The heater stays on at least {@code minOnSeconds} and off at least {@code minOffSeconds} after
 * a switch, except that a user's change of the desired temperature lifts the minimum for the
 * switch it asks for (a rise may switch on, a cut may switch off, at once). A heater on for
 * {@code maxOnSeconds} without a break is switched off for {@code coolDownSeconds}. A commanded
 * state is sent again every {@code keepAliveSeconds}. The fail-safe on stale readings overrides them all.
 * A relay on MQTT keeps the minimum on and off times too, in wall seconds (see {@code RelayLink}).
 */
public record Protections(long minOnSeconds, long minOffSeconds, long maxOnSeconds, long coolDownSeconds,
    long keepAliveSeconds, WindowDetection window) {

  private static final long DAY = 86_400;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  public static final Protections NONE = new Protections(0, 0, 0, 600, 0, WindowDetection.OFF);

  public Protections {
    requireRange("protections.minOnSeconds", minOnSeconds, 0, DAY);
    requireRange("protections.minOffSeconds", minOffSeconds, 0, DAY);
    requireRange("protections.maxOnSeconds", maxOnSeconds, 0, 7 * DAY);
    requireRange("protections.coolDownSeconds", coolDownSeconds, 0, DAY);
    requireRange("protections.keepAliveSeconds", keepAliveSeconds, 0, DAY);
    if (maxOnSeconds > 0 && maxOnSeconds < minOnSeconds) {
      throw new InvalidSettingsException("protections.maxOnSeconds must not be below protections.minOnSeconds");
    }
    window = orDefault(window, WindowDetection.OFF);
  }

  /** How long a heater must stay {@code on} (or off) after switching so, in nanoseconds; 0 when it may switch back at once. */
  public long minimumNanos(boolean on) {
    return (on ? minOnSeconds : minOffSeconds) * NANOS_PER_SECOND;
  }

  /** Whether a heater that switched to {@code on} (or off) at {@code switchedAt} must still stay so at {@code now}. */
  public boolean holds(boolean on, long switchedAt, long now) {
    return now - switchedAt < minimumNanos(on);
  }

  @JsonCreator
  static Protections json(@JsonProperty("minOnSeconds") Long minOn, @JsonProperty("minOffSeconds") Long minOff,
      @JsonProperty("maxOnSeconds") Long maxOn, @JsonProperty("coolDownSeconds") Long coolDown,
      @JsonProperty("keepAliveSeconds") Long keepAlive, @JsonProperty("window") WindowDetection window) {
    return new Protections(orDefault(minOn, NONE.minOnSeconds), orDefault(minOff, NONE.minOffSeconds),
        orDefault(maxOn, NONE.maxOnSeconds), orDefault(coolDown, NONE.coolDownSeconds),
        orDefault(keepAlive, NONE.keepAliveSeconds), window);
  }
}
