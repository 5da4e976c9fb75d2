package io.thermobus.sim;

/**
 * A room advanced on simulated time by its caller, without timers: what experiments run. Times
 * are simulated nanoseconds, never decreasing; a heater or window change applies from the last
 * {@link #advanceTo}, so advance to the moment of the change first. Not thread-safe: one owner.
 */
public interface SimulatedRoom {

  /** Moves the room to {@code now}, the heater and window as last set, the outside at {@code outsideCelsius}. */
  void advanceTo(long now, double outsideCelsius);

  void heater(boolean on, long now);

  void window(boolean open, long now);

  /** What a sensor reads now: the temperature in hundredths of a degree. */
  int readingCenti();
}
