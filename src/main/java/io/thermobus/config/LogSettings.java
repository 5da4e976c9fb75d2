package io.thermobus.config;

import org.slf4j.event.Level;

/** How log lines look and which are written. */
public record LogSettings(LogFormat format, Level level) {}
