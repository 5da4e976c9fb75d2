package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Window-open detection by the temperature's slope: when the readings over the last
 * {@code slopeSeconds} fall faster than {@code dropPerMinute} °C per minute, the heater is held
 * off for {@code offSeconds}, or until the fall has slowed to less than half that rate over a
 * whole slope window again (the window was closed). {@code dropPerMinute} 0 turns detection off.
 */
public record WindowDetection(double dropPerMinute, long slopeSeconds, long offSeconds) {

  public static final WindowDetection OFF = new WindowDetection(0, 300, 1800);

  public WindowDetection {
    requireRange("protections.window.dropPerMinute", dropPerMinute, 0, 10);
    requireRange("protections.window.slopeSeconds", slopeSeconds, 10, 3600);
    requireRange("protections.window.offSeconds", offSeconds, 10, 86_400);
  }

  public boolean enabled() {
    return dropPerMinute > 0;
  }

  @JsonCreator
  static WindowDetection json(@JsonProperty("dropPerMinute") Double drop, @JsonProperty("slopeSeconds") Long slope,
      @JsonProperty("offSeconds") Long off) {
    return new WindowDetection(orDefault(drop, OFF.dropPerMinute), orDefault(slope, OFF.slopeSeconds),
        orDefault(off, OFF.offSeconds));
  }
}
