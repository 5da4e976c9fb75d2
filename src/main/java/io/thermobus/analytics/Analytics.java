package io.thermobus.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.thermobus.history.Sample;
import java.util.List;

/**
 * How well a zone was heated over a window of samples, each holding until the next (the window
 * runs from the first sample to the last). Temperatures in °C. A setpoint counts as reached once
 * the temperature comes within {@value #REACHED_WITHIN_CENTI} hundredths of a degree of it from
 * the side it started on; until then the zone is still settling.
 *
 * <ul>
 *   <li>{@code dutyCycle}: the share of the window the heater was on;
 *   <li>{@code switchesPerHour}: heater switches (on or off) per hour;
 *   <li>{@code overshoot}, {@code undershoot}: the largest excursion above, below the setpoint once reached;
 *   <li>{@code rmsError}: root of the time-weighted mean of (temperature − setpoint)²;
 *   <li>{@code degreeMinutesBelow}: the integral of how far the temperature was below the setpoint, °C·min;
 *   <li>{@code secondsToSetpoint}: the longest time from a rise of the setpoint to reaching it;
 *       null when the window has no rise or one was never reached;
 *   <li>{@code amplitude}: half the spread of (temperature − setpoint) once reached: the oscillation's amplitude;
 *   <li>{@code energyKWh}: the heater's on-time at its power.
 * </ul>
 */
@JsonPropertyOrder({"dutyCycle", "switchesPerHour", "overshoot", "undershoot", "rmsError", "degreeMinutesBelow",
    "secondsToSetpoint", "amplitude", "energyKWh"})
public record Analytics(double dutyCycle, double switchesPerHour, double overshoot, double undershoot, double rmsError,
    double degreeMinutesBelow, Long secondsToSetpoint, double amplitude, double energyKWh) {

  public static final int REACHED_WITHIN_CENTI = 10;
  private static final Analytics NOTHING = new Analytics(0, 0, 0, 0, 0, 0, null, 0, 0);

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
        rising = temperature < desired;
        setpoint = desired;
        reached = false;
        segmentStart = nanos(sample);
      }
      if (!reached && (rising ? temperature >= desired - REACHED_WITHIN_CENTI : temperature <= desired + REACHED_WITHIN_CENTI)) {
        reached = true;
        if (isRise) {
          long took = Math.round((nanos(sample) - segmentStart) / 1e9);
          slowestRise = slowestRise == null ? took : Math.max(slowestRise, took);
        }
      }
      if (reached) {
        maxAbove = Math.max(maxAbove, temperature - desired);
        maxBelow = Math.max(maxBelow, desired - temperature);
      }
      double error = (temperature - desired) / 100.0;
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

  private static long nanos(Sample sample) {
    return sample.at().getEpochSecond() * 1_000_000_000L + sample.at().getNano();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
