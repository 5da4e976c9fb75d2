package io.thermobus.event;

import io.thermobus.control.ControlSettings;

/**
 * A zone's control settings, sent by its input (their single writer) to the display shard that
 * runs its controller and the room shard that runs its room model: at start and after every saved change.
 */
public record ControlChanged(String zone, ControlSettings settings) {}
