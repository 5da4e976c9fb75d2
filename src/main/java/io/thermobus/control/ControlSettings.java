package io.thermobus.control;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.thermobus.sim.RoomModel;

/**
 * How one zone is controlled: the selected controller, every controller's parameters (kept when
 * another is selected, so switching back restores them), the protections, the actuator delay and
 * the room model. Immutable and valid by construction: a bad value throws an
 * {@link InvalidSettingsException} naming the field. Missing JSON fields take their defaults.
 */
public record ControlSettings(ControllerKind controller, HysteresisParameters hysteresis, TpiParameters tpi,
    PidParameters pid, PredictiveParameters predictive, Protections protections, long actuatorDelaySeconds,
    RoomModel room) {

  /** The chapter's thermostat: on/off at the desired temperature, no protections, the chapter's room. */
  public static final ControlSettings CHAPTER = new ControlSettings(ControllerKind.ONOFF, HysteresisParameters.DEFAULT,
      TpiParameters.DEFAULT, PidParameters.DEFAULT, PredictiveParameters.DEFAULT, Protections.NONE, 0, RoomModel.CHAPTER);

  public ControlSettings {
    controller = orDefault(controller, ControllerKind.ONOFF);
    hysteresis = orDefault(hysteresis, HysteresisParameters.DEFAULT);
    tpi = orDefault(tpi, TpiParameters.DEFAULT);
    pid = orDefault(pid, PidParameters.DEFAULT);
    predictive = orDefault(predictive, PredictiveParameters.DEFAULT);
    protections = orDefault(protections, Protections.NONE);
    requireRange("actuatorDelaySeconds", actuatorDelaySeconds, 0, 3600);
    room = orDefault(room, RoomModel.CHAPTER);
  }

  @JsonCreator
  static ControlSettings json(@JsonProperty("controller") ControllerKind controller,
      @JsonProperty("hysteresis") HysteresisParameters hysteresis, @JsonProperty("tpi") TpiParameters tpi,
      @JsonProperty("pid") PidParameters pid, @JsonProperty("predictive") PredictiveParameters predictive,
      @JsonProperty("protections") Protections protections, @JsonProperty("actuatorDelaySeconds") Long delay,
      @JsonProperty("room") RoomModel room) {
    return new ControlSettings(controller, hysteresis, tpi, pid, predictive, protections, orDefault(delay, 0L), room);
  }

  public ControlSettings withController(ControllerKind kind) {
    return new ControlSettings(kind, hysteresis, tpi, pid, predictive, protections, actuatorDelaySeconds, room);
  }
}
