package io.thermobus.control;

/**
 * {@code predictive}: see {@link PredictiveParameters}. The room's rates come from a
 * {@link RoomLearner}; the preheat start is decided from the model at each reading and, once
 * begun for a scheduled change, kept until that change is due, so it cannot flap.
 */
final class PredictiveRule implements HeatingRule {

  private static final double NANOS_PER_HOUR = 3600e9;
  private static final double SAFETY = 1.05; // start 5 % early: the model is learned, not known
  private static final long LEAD_NANOS = 60_000_000_000L;

  private final PredictiveParameters parameters;
  private final RoomLearner learner = new RoomLearner();
  private final int bandCenti;
  private long committedTo = -1; // the scheduled change a preheat or an early stop was begun for

  PredictiveRule(PredictiveParameters parameters) {
    this.parameters = parameters;
    this.bandCenti = (int) Math.round(parameters.band() * 100);
  }

  @Override
  public boolean wantsOn(ControlInputs in, long now) {
    int target = target(in, now);
    if (in.inside() < target - bandCenti) {
      return true;
    }
    if (in.inside() > target + bandCenti) {
      return false;
    }
    return in.heaterOn();
  }

  /** The temperature to hold now: the desired one, or the next scheduled one once it is time to move towards it. */
  int target(ControlInputs in, long now) {
    ScheduledSetpoint next = in.upcoming();
    if (next == null || next.at() <= now || next.centi() == in.desired()) {
      return in.desired();
    }
    if (committedTo == next.at()) {
      return next.centi();
    }
    double inside = in.inside() / 100.0;
    double hours;
    if (next.centi() > in.desired()) {
      hours = learner.hoursTo(inside, next.centi() / 100.0, in.outside(), true) * SAFETY;
    } else if (parameters.optimumStop()) {
      hours = learner.hoursTo(inside, (in.desired() + next.centi()) / 200.0, in.outside(), false);
    } else {
      return in.desired();
    }
    long ahead = (long) Math.min(hours * NANOS_PER_HOUR, parameters.maxPreheatSeconds() * 1e9) + LEAD_NANOS;
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
