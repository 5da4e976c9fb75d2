package io.thermobus.control;

/**
 * {@code predictive}: see {@link PredictiveParameters}. The room's rates come from a
 * {@link RoomLearner}; the preheat start is decided from the model at each decision and, once
 * begun for a scheduled change, kept until that change has taken effect, so it cannot flap.
 */
final class PredictiveRule implements HeatingRule {

  private static final double NANOS_PER_HOUR = 3600e9;
  private static final double SAFETY = 1.05; // start 5 % early: the model is learned, not known
  private static final long LEAD_NANOS = 60_000_000_000L;

  private final PredictiveParameters parameters;
  private final RoomLearner learner = new RoomLearner();
  private final int bandCenti;
  private final long leadNanos;
  private long committedTo = -1; // the scheduled change a preheat or an early stop was begun for

  /** {@code minOffSeconds}: the protection may hold the heater off that long when a preheat begins, so begin that much earlier. */
  PredictiveRule(PredictiveParameters parameters, long minOffSeconds) {
    this.parameters = parameters;
    this.leadNanos = LEAD_NANOS + minOffSeconds * 1_000_000_000L;
    this.bandCenti = (int) Math.round(parameters.band() * 100);
  }

  @Override
  public boolean wantsOn(ControlInputs in, long now) {
    int target = target(in, now);
    // Preheated ahead of its time, the room is held in the band's upper half, so it is at the setpoint when that comes.
    int below = target != in.desired() ? 0 : bandCenti;
    if (in.inside() < target - below) {
      return true;
    }
    if (in.inside() > target + bandCenti) {
      return false;
    }
    return in.heaterOn();
  }

  /** The temperature to hold now: the desired one, or the next scheduled one once it is time to preheat for it. */
  int target(ControlInputs in, long now) {
    ScheduledSetpoint next = in.upcoming();
    if (next == null || next.centi() == in.desired()) {
      return in.desired();
    }
    if (committedTo == next.at()) {
      // Held past its time too: live, the schedule's new setpoint arrives a moment after it is due.
      return next.centi();
    }
    if (next.at() <= now) {
      return in.desired();
    }
    if (next.centi() < in.desired()) {
      return in.desired();
    }
    // Already as warm as the coming setpoint (just after comfort, say): nothing to preheat yet.
    double hours = in.inside() >= next.centi() ? 0
        : learner.hoursTo(in.inside() / 100.0, next.centi() / 100.0, in.outside(), true) * SAFETY;
    long ahead = (long) Math.min(hours * NANOS_PER_HOUR, parameters.maxPreheatSeconds() * 1e9) + leadNanos;
    if (now >= next.at() - ahead) {
      committedTo = next.at();
      return next.centi();
    }
    return in.desired();
  }

  @Override
  public void reading(int centi, Integer outside, boolean heaterOn, long now) {
    learner.reading(centi, outside, heaterOn, now);
  }

  @Override
  public void reset() {
    learner.interrupt();
  }

  RoomLearner learner() {
    return learner;
  }
}
