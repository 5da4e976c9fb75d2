package io.thermobus.sim;

/**
 * The {@code thermal} room: {@code C·dT/dt = P·on − (UA + UAwindow·open)·(T − outside)}, solved
 * exactly for each interval over which heater, window and outside are constant, so any step
 * length is stable. Pure: simulated nanoseconds in.
 */
final class ThermalRoom implements SimulatedRoom {

  private static final double NANOS_PER_SECOND = 1e9;

  private final RoomModel model;
  private double celsius;
  private boolean heaterOn;
  private boolean windowOpen;
  private long at;

  /** A room at {@code initialCelsius} at simulated instant {@code at}, heater off and window closed. */
  ThermalRoom(RoomModel model, double initialCelsius, long at) {
    this.model = model;
    this.celsius = initialCelsius;
    this.at = at;
  }

  @Override
  public void advanceTo(long now, double outsideCelsius) {
    double seconds = (now - at) / NANOS_PER_SECOND;
    at = now;
    if (seconds <= 0) {
      return;
    }
    double conductance = model.lossWattsPerK() + (windowOpen ? model.windowLossWattsPerK() : 0);
    double equilibrium = outsideCelsius + (heaterOn ? model.heaterPowerWatts() / conductance : 0);
    double decay = Math.exp(-seconds * conductance / (model.heatCapacityKJPerK() * 1000));
    celsius = equilibrium + (celsius - equilibrium) * decay;
  }

  @Override
  public void heater(boolean on, long now) {
    heaterOn = on;
  }

  @Override
  public void window(boolean open, long now) {
    windowOpen = open;
  }

  /** The temperature unrounded, for a room that continues from it under other parameters. */
  double celsius() {
    return celsius;
  }

  @Override
  public int readingCenti() {
    return (int) Math.round(celsius * 100);
  }
}
