package io.thermobus.control;

/**
 * Learns a zone's first-order model from its readings: {@code dT/dt = a·on − b·(T − outside)} in
 * °C per hour when the outside temperature is known, {@code dT/dt = a·on − c} when it is not. Each
 * stretch of at least {@link #MIN_SPAN_NANOS} between two readings with the heater in one state is
 * one observation of the rate; least squares with exponential forgetting over them, regularised
 * towards a modest prior so that the model is usable before both states were seen.
 */
final class RoomLearner {

  static final long MIN_SPAN_NANOS = 4 * 60 * 1_000_000_000L;
  private static final long MAX_SPAN_NANOS = 2 * 3600 * 1_000_000_000L;
  private static final double NANOS_PER_HOUR = 3600e9;
  private static final double FORGET = 0.995;
  private static final double PRIOR_HEATING = 2.0; // °C/h at full power
  private static final double PRIOR_LOSS_PER_KELVIN = 0.1; // 1/h
  private static final double PRIOR_LOSS = 0.5; // °C/h, without an outside
  private static final double PRIOR_WEIGHT = 0.2;

  private final Fit withOutside = new Fit(PRIOR_HEATING, PRIOR_LOSS_PER_KELVIN, 400);
  private final Fit withoutOutside = new Fit(PRIOR_HEATING, PRIOR_LOSS, 1);
  private long anchorAt = -1;
  private int anchorCenti;
  private Integer anchorOutside;
  private boolean anchorOn;

  /** A reading; {@code heaterOn} is the heater's state since the previous reading. */
  void reading(int centi, Integer outside, boolean heaterOn, long now) {
    boolean continues = anchorAt >= 0 && anchorOn == heaterOn && (anchorOutside == null) == (outside == null);
    if (!continues || now - anchorAt > MAX_SPAN_NANOS) {
      anchor(centi, outside, heaterOn, now);
      return;
    }
    if (now - anchorAt < MIN_SPAN_NANOS) {
      return;
    }
    double rate = (centi - anchorCenti) / 100.0 / ((now - anchorAt) / NANOS_PER_HOUR);
    double on = heaterOn ? 1 : 0;
    if (outside == null) {
      withoutOutside.add(on, -1, rate);
    } else {
      double difference = (centi + anchorCenti - outside - anchorOutside) / 200.0;
      withOutside.add(on, -difference, rate);
    }
    anchor(centi, outside, heaterOn, now);
  }

  /** Forget the current stretch (the room was disturbed: open window, missing readings). */
  void interrupt() {
    anchorAt = -1;
  }

  private void anchor(int centi, Integer outside, boolean heaterOn, long now) {
    anchorAt = now;
    anchorCenti = centi;
    anchorOutside = outside;
    anchorOn = heaterOn;
  }

  /** The rate of change in °C per hour at {@code celsius}, heater on or off. */
  double rate(double celsius, Integer outside, boolean heaterOn) {
    double on = heaterOn ? 1 : 0;
    if (outside == null) {
      return withoutOutside.a() * on - withoutOutside.b();
    }
    return withOutside.a() * on - withOutside.b() * (celsius - outside / 100.0);
  }

  /** Hours to move from {@code from} to {@code to} °C with the heater as given; infinite if never. */
  double hoursTo(double from, double to, Integer outside, boolean heaterOn) {
    if (outside == null) {
      double rate = rate(from, null, heaterOn);
      double hours = (to - from) / rate;
      return hours >= 0 && Double.isFinite(hours) ? hours : Double.POSITIVE_INFINITY;
    }
    double b = withOutside.b();
    if (b <= 1e-6) {
      double rate = rate(from, outside, heaterOn);
      double hours = (to - from) / rate;
      return hours >= 0 && Double.isFinite(hours) ? hours : Double.POSITIVE_INFINITY;
    }
    double equilibrium = outside / 100.0 + (heaterOn ? withOutside.a() / b : 0);
    double ratio = (equilibrium - from) / (equilibrium - to);
    if (!(ratio >= 1)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.log(ratio) / b;
  }

  /** Weighted least squares of {@code y = a·x1 + b·x2} with forgetting and a ridge towards a prior. */
  private static final class Fit {
    private final double priorA;
    private final double priorB;
    private final double weightB;
    private double s11;
    private double s12;
    private double s22;
    private double s1y;
    private double s2y;

    Fit(double priorA, double priorB, double scaleB) {
      this.priorA = priorA;
      this.priorB = priorB;
      this.weightB = PRIOR_WEIGHT * scaleB;
    }

    void add(double x1, double x2, double y) {
      s11 = s11 * FORGET + x1 * x1;
      s12 = s12 * FORGET + x1 * x2;
      s22 = s22 * FORGET + x2 * x2;
      s1y = s1y * FORGET + x1 * y;
      s2y = s2y * FORGET + x2 * y;
    }

    private double[] solve() {
      double m11 = s11 + PRIOR_WEIGHT;
      double m22 = s22 + weightB;
      double r1 = s1y + PRIOR_WEIGHT * priorA;
      double r2 = s2y + weightB * priorB;
      double det = m11 * m22 - s12 * s12;
      return new double[] {(r1 * m22 - s12 * r2) / det, (m11 * r2 - s12 * r1) / det};
    }

    double a() {
      return Math.max(0.01, solve()[0]);
    }

    double b() {
      return Math.max(0, solve()[1]);
    }
  }
}
