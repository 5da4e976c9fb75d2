package io.thermobus.event;

import io.thermobus.control.ControlSettings;

/**
 * A zone's control settings, sent by its input (their single writer) to the display shard that
 * runs its controller, to the room shard that runs a simulated zone's room model, and to the
 * device shard of a zone on MQTT (its relay keeps the minimum on and off times): at start and
 * after every saved change.
 */
public record ControlChanged(String zone, ControlSettings settings) {}
