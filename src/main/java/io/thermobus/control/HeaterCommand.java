package io.thermobus.control;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a zone controller tells its heater to do, why, and when (simulated nanoseconds). */
public record HeaterCommand(boolean on, Reason reason, long at) {

  public enum Reason {
    /** The controller's decision (after protections and the actuator delay). */
    CONTROL,
    /** The commanded state sent again because the keep-alive period passed. */
    KEEP_ALIVE,
    /** Readings went stale: off until they return. */
    FAIL_SAFE,
    /** The temperature fell as fast as through an open window: off for a while. */
    WINDOW_OPEN,
    /** On for the longest allowed time: off for the cool-down. */
    MAX_ON_TIME;

    @JsonValue
    public String apiName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
