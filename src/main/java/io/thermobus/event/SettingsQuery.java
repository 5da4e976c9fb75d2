package io.thermobus.event;

/** Asks a zone's input for its settings, answered with its {@code ZoneSettings} (the control settings in force filled in). */
public record SettingsQuery(String zone) {}
