package io.thermobus.bench;

/** The payload every contender carries: 16 bytes, like a small temperature reading. */
public record Tick(long value) {
}
