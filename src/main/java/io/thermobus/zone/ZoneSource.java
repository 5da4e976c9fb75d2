package io.thermobus.zone;

/** What drives a zone's temperature readings and heater: the simulation (room, heater and heat loss verticles). */
public enum ZoneSource {
  SIM
}
