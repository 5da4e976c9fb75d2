package io.thermobus.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.thermobus.history.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a zone was heated over a window of samples, each holding until the next (the window
 * runs from the first sample to the last). Temperatures in °C. A setpoint counts as reached once
 * the temperature is at or above it after a rise, at or below it after a cut (at the window's
 * start: from the side the temperature started on); until then the zone is settling, and
 * overshoot, undershoot and amplitude are 0 for a setpoint never reached. The error is the
 * temperature minus the setpoint, except that before a rise of the setpoint a temperature above
 * the setpoint counts only as far as it exceeds the coming one: warmth between an eco and the next
 * comfort setpoint (preheating, or cooling down after comfort) is energy, which {@code energyKWh}
 * prices, not discomfort.
 *
 * <ul>
 *   <li>{@code dutyCycle}: the share of the window the heater was on;
 *   <li>{@code switchesPerHour}: heater switches (on or off) per hour;
 *   <li>{@code overshoot}, {@code undershoot}: the largest error above, below the setpoint once reached;
 *   <li>{@code rmsError}: root of the time-weighted mean of the squared error;
 *   <li>{@code degreeMinutesBelow}: the integral of how far the temperature was below the setpoint, °C·min;
 *   <li>{@code secondsToSetpoint}: the longest time from a rise of the setpoint to reaching it;
 *       null when the window has no rise or one was never reached;
 *   <li>{@code amplitude}: half the spread of the error once reached: the oscillation's amplitude;
 *   <li>{@code energyKWh}: the heater's on-time at its power.
 * </ul>
 */
@JsonPropertyOrder({"dutyCycle", "switchesPerHour", "overshoot", "undershoot", "rmsError", "degreeMinutesBelow",
    "secondsToSetpoint", "amplitude", "energyKWh"})
public record Analytics(double dutyCycle, double switchesPerHour, double overshoot, double undershoot, double rmsError,
    double degreeMinutesBelow, Long secondsToSetpoint, double amplitude, double energyKWh) {

  private static final Analytics NOTHING = new Analytics(0, 0, 0, 0, 0, 0, null, 0, 0);

  /**
   * The figures of a live zone's {@code samples}, stamped with wall instants, taken while the
   * node's clock ran {@code timeScale} times faster than the wall: the figures are per simulated
   * time (a change of the time scale within the window is not accounted for).
   */
  public static Analytics ofWallClock(List<Sample> samples, double timeScale, double heaterPowerWatts) {
    if (samples.isEmpty()) {
      return NOTHING;
    }
    Instant start = samples.get(0).at();
    List<Sample> simulated = new ArrayList<>(samples.size());
    for (Sample sample : samples) {
      long wallNanos = Duration.between(start, sample.at()).toNanos();
      simulated.add(new Sample(start.plusNanos(Math.round(wallNanos * timeScale)), sample.temperatureCenti(),
          sample.desiredCenti(), sample.heaterOn()));
    }
    return of(simulated, heaterPowerWatts);
  }

  /** The figures of {@code samples} (oldest first) for a heater of {@code heaterPowerWatts}. */
  public static Analytics of(List<Sample> samples, double heaterPowerWatts) {
    if (samples.size() < 2) {
      return NOTHING;
    }
    long start = nanos(samples.get(0));
    double seconds = (nanos(samples.get(samples.size() - 1)) - start) / 1e9;
    if (seconds <= 0) {
      return NOTHING;
    }
    double onSeconds = 0;
    double squares = 0;
    double belowSeconds = 0; // °C·s
    int switches = 0;
    int maxAbove = Integer.MIN_VALUE;
    int maxBelow = Integer.MIN_VALUE;
    Long slowestRise = null;
    boolean unreachedRise = false;
    boolean anyRise = false;
    // The setpoint segment being looked at.
    int setpoint = samples.get(0).desiredCenti();
    boolean rising = samples.get(0).temperatureCenti() < setpoint;
    boolean reached = false;
    boolean isRise = false;
    long segmentStart = start;
    int[] ahead = following(samples);
    for (int i = 0; i < samples.size() - 1; i++) {
      Sample sample = samples.get(i);
      double held = (nanos(samples.get(i + 1)) - nanos(sample)) / 1e9;
      int desired = sample.desiredCenti();
      int temperature = sample.temperatureCenti();
      if (desired != setpoint) {
        if (isRise && !reached) {
          unreachedRise = true;
        }
        isRise = desired > setpoint;
        anyRise |= isRise;
        rising = isRise;
        setpoint = desired;
        reached = false;
        segmentStart = nanos(sample);
      }
      if (!reached && (rising ? temperature >= desired : temperature <= desired)) {
        reached = true;
        if (isRise) {
          long took = Math.round((nanos(sample) - segmentStart) / 1e9);
          slowestRise = slowestRise == null ? took : Math.max(slowestRise, took);
        }
      }
      int errorCenti = temperature > desired && ahead[i] > desired ? Math.max(0, temperature - ahead[i]) : temperature - desired;
      if (reached) {
        maxAbove = Math.max(maxAbove, errorCenti);
        maxBelow = Math.max(maxBelow, -errorCenti);
      }
      double error = errorCenti / 100.0;
      squares += error * error * held;
      belowSeconds += Math.max(0, -error) * held;
      if (sample.heaterOn()) {
        onSeconds += held;
      }
      if (samples.get(i + 1).heaterOn() != sample.heaterOn()) {
        switches++;
      }
    }
    if (isRise && !reached) {
      unreachedRise = true;
    }
    boolean settled = maxAbove != Integer.MIN_VALUE;
    return new Analytics(
        round(onSeconds / seconds),
        round(switches / (seconds / 3600)),
        settled ? Math.max(0, maxAbove) / 100.0 : 0,
        settled ? Math.max(0, maxBelow) / 100.0 : 0,
        round(Math.sqrt(squares / seconds)),
        round(belowSeconds / 60),
        anyRise && !unreachedRise ? slowestRise : null,
        settled ? (maxAbove + maxBelow) / 200.0 : 0,
        round(onSeconds / 3600 * heaterPowerWatts / 1000));
  }

  /** For each sample, the setpoint that follows its own in the window, or {@code Integer.MIN_VALUE}. */
  private static int[] following(List<Sample> samples) {
    int[] ahead = new int[samples.size()];
    int following = Integer.MIN_VALUE;
    for (int i = samples.size() - 1; i >= 0; i--) {
      ahead[i] = following;
      if (i > 0 && samples.get(i - 1).desiredCenti() != samples.get(i).desiredCenti()) {
        following = samples.get(i).desiredCenti();
      }
    }
    return ahead;
  }

  private static long nanos(Sample sample) {
    return sample.at().getEpochSecond() * 1_000_000_000L + sample.at().getNano();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
