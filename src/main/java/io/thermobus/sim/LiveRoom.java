package io.thermobus.sim;

import io.thermobus.schedule.WeekClock;

/**
 * A live simulated zone's room as its room shard holds it. Under the {@code chapter} model its
 * temperature moves by the heater's and heat loss's deltas (heat sent while the heater is
 * switched off is dropped). Under the {@code thermal} model it is a {@link ThermalRoom}, solved
 * exactly from the heater's (as its shard obeys the switches) and the window's states and the
 * outside at the node's time of day, and the deltas are dropped. A change of model or parameters
 * continues from the temperature reached.
 * Pure: simulated nanoseconds in; not thread-safe, one owner.
 */
final class LiveRoom {

  private final WeekClock week;
  private int centi;
  private boolean heaterOn;
  private boolean heating;
  private boolean windowOpen;
  private RoomModel model = RoomModel.CHAPTER;
  /** The thermal room while the model is {@code thermal}, else null. */
  private ThermalRoom thermal;

  LiveRoom(int centi, WeekClock week) {
    this.centi = centi;
    this.week = week;
  }

  /** The temperature as last advanced, hundredths of a degree. */
  int centi() {
    return centi;
  }

  boolean thermal() {
    return thermal != null;
  }

  /** Continues from what the display last saw, as a room shard deployed again does before it takes its settings. */
  void restore(int restoredCenti, boolean restoredHeaterOn) {
    centi = restoredCenti;
    heaterOn = restoredHeaterOn;
    heating = restoredHeaterOn;
  }

  /** A heater's or heat loss's step; answers whether it changed the temperature. */
  boolean delta(int deltaCenti, boolean fromHeater) {
    if (thermal != null || (fromHeater && !heaterOn)) {
      return false;
    }
    centi += deltaCenti;
    return true;
  }

  /** The thermostat's switch, by which heat the chapter's heater sent after a switch off is dropped. */
  void heater(boolean on) {
    heaterOn = on;
  }

  /** The heater started or stopped heating, as its shard obeys the switches: what heats a thermal room. */
  void heating(boolean on, long now) {
    advance(now);
    heating = on;
    if (thermal != null) {
      thermal.heater(on, now);
    }
  }

  void window(boolean open, long now) {
    advance(now);
    windowOpen = open;
    if (thermal != null) {
      thermal.window(open, now);
    }
  }

  /** The zone's room model from {@code now} on. */
  void model(RoomModel newModel, long now) {
    if (newModel.equals(model)) {
      return;
    }
    advance(now);
    double celsius = thermal != null ? thermal.celsius() : centi / 100.0;
    model = newModel;
    thermal = null;
    if (newModel.model() == RoomModel.Kind.THERMAL) {
      thermal = new ThermalRoom(newModel, celsius, now);
      thermal.heater(heating, now);
      thermal.window(windowOpen, now);
    }
  }

  /** Under the thermal model, moves the room to {@code now} with the outside at that instant; answers the temperature. */
  int advance(long now) {
    if (thermal != null) {
      thermal.advanceTo(now, model.outsideAt(week, now));
      centi = thermal.readingCenti();
    }
    return centi;
  }
}
