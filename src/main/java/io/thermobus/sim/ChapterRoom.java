package io.thermobus.sim;

/**
 * The chapter's room as one pure object: the heater's and heat loss's {@link ThermalEffect}s
 * applied to an integer temperature, as the room, heater and heat-loss verticles do between them.
 * An open window adds a second loss effect of twice the step, tripling the loss.
 */
final class ChapterRoom implements SimulatedRoom {

  private final ThermalEffect heater;
  private final ThermalEffect loss;
  private final ThermalEffect windowLoss;
  private int centi;

  ChapterRoom(Physics physics, int initialCenti) {
    this.heater = physics.heater();
    this.loss = physics.heatLoss();
    this.windowLoss = new ThermalEffect(-2 * physics.lossStepCenti(), physics.period().toNanos());
    this.centi = initialCenti;
    loss.activate(0);
  }

  @Override
  public void advanceTo(long now, double outsideCelsius) {
    centi += loss.advance(now) + heater.advance(now) + windowLoss.advance(now);
  }

  @Override
  public void heater(boolean on, long now) {
    if (on) {
      heater.activate(now);
    } else {
      heater.deactivate();
    }
  }

  @Override
  public void window(boolean open, long now) {
    if (open) {
      windowLoss.activate(now);
    } else {
      windowLoss.deactivate();
    }
  }

  @Override
  public int readingCenti() {
    return centi;
  }
}
