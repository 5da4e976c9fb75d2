package io.thermobus.event;

import java.math.BigDecimal;

/** A request to set a zone's desired temperature in °C; the zone's input validates and applies it. */
public record SetDesired(String zone, BigDecimal celsius, String source) {}
