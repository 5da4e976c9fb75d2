package io.thermobus.experiment;

import io.thermobus.Json;
import io.thermobus.analytics.Analytics;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.HeaterCommand;
import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.control.ZoneController;
import io.thermobus.history.Sample;
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.sim.Centi;
import io.thermobus.sim.SimulatedRoom;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a scenario through the pure classes in steps of one simulated second, as fast as the CPU
 * allows: no verticles, timers or wall clock, so the same scenario always gives the same numbers.
 * Each step: the room advances under the heater's state of the step before, disturbances and
 * the schedule apply, the sensor reads, the controller decides, and its command takes effect.
 */
public final class ExperimentRunner {

  private static final long SECOND = 1_000_000_000L;
  private static final int TRACE_POINTS = 2000;

  private ExperimentRunner() {}

  public static ExperimentResult run(Scenario scenario) {
    long end = scenario.duration().getSeconds();
    long traceStep = Math.max(60, (end + TRACE_POINTS - 1) / TRACE_POINTS);
    int points = (int) (end / traceStep) + 1;
    long[] seconds = new long[points];
    double[] outside = new double[scenario.room().hasOutside() ? points : 0];
    for (int i = 0; i < points; i++) {
      seconds[i] = i * traceStep;
      if (outside.length > 0) {
        outside[i] = outsideAt(scenario, seconds[i] * SECOND);
      }
    }
    List<ControllerResult> results = new ArrayList<>();
    Map<String, Traces.Trace> traces = new LinkedHashMap<>();
    for (var controller : scenario.controllers()) {
      ControlSettings settings = scenario.settingsOf(controller);
      Run run = new Run(scenario, settings, end, traceStep, points);
      run.play();
      results.add(new ControllerResult(controller.label(), settings, Analytics.of(run.samples, scenario.room().heaterPowerWatts())));
      traces.put(controller.label(), new Traces.Trace(run.traceTemperature, run.traceDesired, run.traceHeater));
    }
    return new ExperimentResult(idOf(scenario), scenario.name(), results, new Traces(seconds, outside, traces));
  }

  /** A content hash: the same scenario always has the same id. */
  static String idOf(Scenario scenario) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.bytes(scenario));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static double outsideAt(Scenario scenario, long nanos) {
    return scenario.room().outsideAt(scenario.start(), nanos);
  }

  /** One controller's pass through the scenario. */
  private static final class Run {
    private final Scenario scenario;
    private final long endSeconds;
    private final long traceStep;
    private final SimulatedRoom room;
    private final ZoneSetpoint setpoint;
    private final ZoneController controller;
    private final List<Sample> samples = new ArrayList<>();
    private final double[] traceTemperature;
    private final double[] traceDesired;
    private final boolean[] traceHeater;
    private boolean heaterOn;
    private boolean windowOpen;
    private int desired;
    private ScheduledSetpoint next;

    Run(Scenario scenario, ControlSettings settings, long endSeconds, long traceStep, int points) {
      this.scenario = scenario;
      this.endSeconds = endSeconds;
      this.traceStep = traceStep;
      this.room = scenario.room().newRoom(scenario.initialCenti());
      this.setpoint = new ZoneSetpoint(scenario.desiredCenti(), null, scenario.presets(), scenario.schedule(), scenario.start(), 0);
      this.controller = new ZoneController(settings, Duration.ofSeconds(scenario.staleTimeoutSeconds()), 0);
      this.traceTemperature = new double[points];
      this.traceDesired = new double[points];
      this.traceHeater = new boolean[points];
    }

    void play() {
      int lastReading = Integer.MIN_VALUE;
      long lastReadingAt = Long.MIN_VALUE / 2;
      long heartbeat = scenario.heartbeatSeconds();
      follow(0, false);
      int recordedTemperature = Integer.MIN_VALUE;
      int recordedDesired = Integer.MIN_VALUE;
      boolean recordedHeater = false;
      for (long s = 0; s <= endSeconds; s++) {
        long now = s * SECOND;
        double outside = outsideAt(scenario, now);
        room.advanceTo(now, outside);
        boolean windowNow = false;
        boolean silentNow = false;
        for (Disturbance disturbance : scenario.disturbances()) {
          long at = disturbance.at().getSeconds();
          boolean during = s >= at && disturbance.until() != null && s < disturbance.until().getSeconds();
          switch (disturbance.type()) {
            case WINDOW -> windowNow |= during;
            case SENSOR_SILENT -> silentNow |= during;
            case SETPOINT -> {
              if (s == at) {
                setpoint.manual(Centi.fromCelsius(disturbance.celsius()), now);
                follow(now, true);
              }
            }
          }
        }
        if (windowNow != windowOpen) {
          windowOpen = windowNow;
          room.window(windowOpen, now);
        }
        if (next != null && now >= next.at()) {
          follow(now, false);
        }
        if (scenario.room().hasOutside() && s % heartbeat == 0) {
          apply(controller.outside(scenario.room().outsideCentiAt(scenario.start(), now), now));
        }
        int reading = room.readingCenti();
        if (!silentNow && (reading != lastReading || s - lastReadingAt >= heartbeat)) {
          apply(controller.reading(reading, now));
          lastReading = reading;
          lastReadingAt = s;
        }
        if (now >= controller.nextWakeAt()) {
          apply(controller.tick(now));
        }
        if (reading != recordedTemperature || desired != recordedDesired || heaterOn != recordedHeater || s == endSeconds) {
          samples.add(new Sample(Instant.ofEpochSecond(s), reading, desired, heaterOn));
          recordedTemperature = reading;
          recordedDesired = desired;
          recordedHeater = heaterOn;
        }
        if (s % traceStep == 0) {
          int point = (int) (s / traceStep);
          traceTemperature[point] = reading / 100.0;
          traceDesired[point] = desired / 100.0;
          traceHeater[point] = heaterOn;
        }
      }
    }

    /** Tells the controller what the setpoint's change at {@code now} changed, as a live zone's input and display do. */
    private void follow(long now, boolean byUser) {
      ZoneSetpoint.Change change = setpoint.poll(now);
      if (change.desiredChanged()) {
        desired = change.desiredCenti();
        apply(controller.desired(desired, byUser, now));
      }
      if (change.nextChanged()) {
        next = change.next();
        apply(controller.upcoming(next, now));
      }
    }

    private void apply(Optional<HeaterCommand> command) {
      command.ifPresent(c -> {
        heaterOn = c.on();
        room.heater(c.on(), c.at());
      });
    }
  }
}
