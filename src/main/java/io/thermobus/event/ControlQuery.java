package io.thermobus.event;

/** Asks a zone's input for its control settings, answered with a {@code ControlSettings}. */
public record ControlQuery(String zone) {}
