package io.thermobus.event;

/** A key for a zone's input, named as a browser's {@code KeyboardEvent.key} names it. */
public record KeyPressed(String zone, String key, String source) {}
