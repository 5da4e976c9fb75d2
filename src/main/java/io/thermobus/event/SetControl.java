package io.thermobus.event;

import io.thermobus.control.ControlSettings;

/** A request to replace a zone's control settings (already validated); the zone's input saves and applies it. */
public record SetControl(String zone, ControlSettings settings) {}
