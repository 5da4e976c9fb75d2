package io.thermobus.control;

import io.thermobus.control.HeaterCommand.Reason;
import io.thermobus.event.Readings;
import io.thermobus.thermostat.SensorWatch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The heating decision of one zone, pure and driven by its caller with simulated nanoseconds: the
 * selected controller's rule under the protections, the actuator delay, and the fail-safe on
 * stale readings over all of them. Each input answers the heater command to carry out now, if
 * any; the caller calls {@link #tick} again at {@link #nextWakeAt()}. Not thread-safe: one owner.
 *
 * <p>Order of precedence: stale readings (heater off at once, pending switch dropped; a first
 * reading overdue turns the heater off the same way, without a fault) before an
 * open window and a max-on cool-down (off through the actuator delay, ignoring the minimum on
 * time) before the minimum on/off times (lifted by a user's setpoint change towards the switch
 * it asks for) before the rule. The first decision after construction is always sent.
 */
public final class ZoneController {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ControlSettings settings;
  private HeatingRule rule;
  private WindowDetector window;
  private final SensorWatch sensor;

  private Integer inside;
  private Integer desired;
  private Integer outside;
  private ScheduledSetpoint upcoming;

  private boolean heaterOn;
  private boolean commanded;
  private long switchedAt = Long.MIN_VALUE / 2;
  private long commandedAt;
  private Boolean userAsks; // a user's setpoint change since the last switch asks the heater on (true) or off (false)
  private long pendingAt = -1;
  private boolean pendingOn;
  private Reason pendingReason;
  private long windowUntil = -1;
  private long coolDownUntil = -1;
  private String fault;
  private long lastSeen; // the latest input's time: the readings were checked then

  public ZoneController(ControlSettings settings, Duration staleTimeout, long now) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rule = HeatingRule.of(settings);
    this.window = new WindowDetector(settings.protections().window());
    this.sensor = new SensorWatch(staleTimeout, now);
    this.lastSeen = now;
  }

  /** A temperature reading of the zone, hundredths of a degree. */
  public Optional<HeaterCommand> reading(int centi, long now) {
    lastSeen = now;
    inside = centi;
    if (sensor.reading(now)) {
      fault = null;
      rule.reset();
    }
    if (window.reading(centi, now) && windowUntil < 0) {
      windowUntil = now + settings.protections().window().offSeconds() * NANOS_PER_SECOND;
      rule.reset(); // control is suspended: no cycle or integral carries over
    } else if (windowUntil >= 0 && !window.open()) {
      windowUntil = -1; // the fall has slowed: the window was closed
    }
    if (mode() == ControlMode.NORMAL) {
      rule.reading(centi, outside, heaterOn, now);
    }
    return decide(now);
  }

  /**
   * The desired temperature changed; {@code byUser} for a person's change (which may lift the
   * minimum on/off time), false for the schedule's or a preset's.
   */
  public Optional<HeaterCommand> desired(int centi, boolean byUser, long now) {
    lastSeen = now;
    if (byUser && desired != null && centi != desired) {
      userAsks = centi > desired;
    }
    if (desired == null || centi != desired) {
      rule.setpointChanged();
    }
    desired = centi;
    return decide(now);
  }

  /** The outside temperature, hundredths of a degree. */
  public Optional<HeaterCommand> outside(int centi, long now) {
    lastSeen = now;
    outside = centi;
    return decide(now);
  }

  /** The schedule's next change, or null when none is coming; the predictive controller preheats for it. */
  public Optional<HeaterCommand> upcoming(ScheduledSetpoint next, long now) {
    lastSeen = now;
    upcoming = next;
    return decide(now);
  }

  /** Time passed with no input: fires due timers (actuator delay, PWM edges, protections, the stale check). */
  public Optional<HeaterCommand> tick(long now) {
    lastSeen = now;
    return decide(now);
  }

  /**
   * New settings take effect now. The heater's state, its last switch (for the minimum times) and
   * the fail-safe are kept; a changed controller or parameter starts its rule afresh (the
   * predictive one relearns), changed window detection forgets an open window, and a room model
   * without an outside forgets the outside temperature.
   */
  public Optional<HeaterCommand> settings(ControlSettings newSettings, long now) {
    lastSeen = now;
    Objects.requireNonNull(newSettings, "settings");
    if (!newSettings.equals(settings)) {
      rule = HeatingRule.of(newSettings);
      if (!newSettings.protections().window().equals(settings.protections().window())) {
        window = new WindowDetector(newSettings.protections().window());
        windowUntil = -1;
      }
      if (!newSettings.room().hasOutside()) {
        outside = null; // no outside term acts on a temperature no longer told
      }
      settings = newSettings;
    }
    return decide(now);
  }

  /** Readings silent for longer than {@code timeout} are stale from now on (a check, at the next input, may find them so). */
  public void staleTimeout(Duration timeout) {
    sensor.timeout(timeout);
  }

  public Duration staleTimeout() {
    return sensor.timeout();
  }

  /** The simulated instant at which {@link #tick} must be called next, or {@link Long#MAX_VALUE}. */
  public long nextWakeAt() {
    // Every input checked the readings at lastSeen: a check due by then has answered already.
    long staleAt = lastSeen - sensor.silence(lastSeen).toNanos() + sensor.timeout().toNanos() + 1;
    long wake = staleAt > lastSeen ? staleAt : Long.MAX_VALUE;
    wake = Math.min(wake, pendingAt >= 0 ? pendingAt : Long.MAX_VALUE);
    Protections protections = settings.protections();
    if (commanded && protections.keepAliveSeconds() > 0) {
      wake = Math.min(wake, commandedAt + protections.keepAliveSeconds() * NANOS_PER_SECOND);
    }
    if (fault != null) {
      return wake;
    }
    wake = Math.min(wake, windowUntil >= 0 ? windowUntil : Long.MAX_VALUE);
    wake = Math.min(wake, coolDownUntil >= 0 ? coolDownUntil : Long.MAX_VALUE);
    if (heaterOn && protections.maxOnSeconds() > 0) {
      wake = Math.min(wake, switchedAt + protections.maxOnSeconds() * NANOS_PER_SECOND);
    }
    if (protections.holds(heaterOn, switchedAt, lastSeen)) {
      wake = Math.min(wake, switchedAt + protections.minimumNanos(heaterOn));
    }
    if (mode() == ControlMode.NORMAL) {
      wake = Math.min(wake, rule.reconsiderAt());
    }
    return wake;
  }

  public ControlState state() {
    return new ControlState(settings.controller(), mode(), heaterOn, pendingAt >= 0, sensor.readings(), fault);
  }

  public ControlSettings settings() {
    return settings;
  }

  /** What the zone's heater is doing and why, for the zone's state. */
  public record ControlState(ControllerKind controller, ControlMode mode, boolean heaterOn, boolean switchPending,
      Readings readings, String fault) {}

  private ControlMode mode() {
    if (fault != null) {
      return ControlMode.FAULT;
    }
    if (windowUntil >= 0) {
      return ControlMode.WINDOW_OPEN;
    }
    return coolDownUntil >= 0 ? ControlMode.COOL_DOWN : ControlMode.NORMAL;
  }

  private Optional<HeaterCommand> decide(long now) {
    switch (sensor.check(now)) {
      case STALE -> {
        fault = "no temperature reading for " + sensor.silence(now).toSeconds() + " simulated s (stale timeout "
            + sensor.timeout().toSeconds() + " s); heater forced off";
        pendingAt = -1;
        rule.reset(); // control is suspended: no cycle or integral carries over
        return Optional.of(command(false, Reason.FAIL_SAFE, now));
      }
      case FIRST_READING_OVERDUE -> {
        // Not a fault; but whoever ran before this controller may have left the heater on.
        pendingAt = -1;
        return Optional.of(command(false, Reason.FAIL_SAFE, now));
      }
      case NONE -> { }
    }
    if (fault != null) {
      return keepAlive(now);
    }
    Optional<HeaterCommand> fired = Optional.empty();
    if (pendingAt >= 0 && now >= pendingAt) {
      pendingAt = -1;
      fired = Optional.of(command(pendingOn, pendingReason, now));
    }
    expireProtections(now);
    if (pendingAt >= 0 || inside == null || desired == null) {
      return fired.or(() -> keepAlive(now));
    }
    Reason reason = reason();
    boolean wanted = reason == Reason.CONTROL
        ? rule.wantsOn(new ControlInputs(inside, desired, outside, heaterOn, upcoming), now)
        : false;
    if (commanded && wanted != heaterOn && reason == Reason.CONTROL && held(wanted, now)) {
      wanted = heaterOn;
    }
    if (commanded && wanted == heaterOn) {
      return fired.or(() -> keepAlive(now));
    }
    if (settings.actuatorDelaySeconds() == 0) {
      return Optional.of(command(wanted, reason, now)); // nothing is ever pending without a delay
    }
    pendingAt = now + settings.actuatorDelaySeconds() * NANOS_PER_SECOND;
    pendingOn = wanted;
    pendingReason = reason;
    return fired.or(() -> keepAlive(now));
  }

  private void expireProtections(long now) {
    if (windowUntil >= 0 && now >= windowUntil) {
      windowUntil = -1;
      window.clear();
    }
    if (coolDownUntil >= 0 && now >= coolDownUntil) {
      coolDownUntil = -1;
    }
    long maxOn = settings.protections().maxOnSeconds() * NANOS_PER_SECOND;
    if (heaterOn && maxOn > 0 && coolDownUntil < 0 && now - switchedAt >= maxOn) {
      coolDownUntil = now + settings.protections().coolDownSeconds() * NANOS_PER_SECOND;
      rule.reset(); // control is suspended: no cycle or integral carries over
    }
  }

  private Reason reason() {
    return switch (mode()) {
      case WINDOW_OPEN -> Reason.WINDOW_OPEN;
      case COOL_DOWN -> Reason.MAX_ON_TIME;
      default -> Reason.CONTROL;
    };
  }

  /** Whether the minimum on or off time keeps the heater as it is, a user's request towards {@code wanted} aside. */
  private boolean held(boolean wanted, long now) {
    return settings.protections().holds(heaterOn, switchedAt, now) && !Boolean.valueOf(wanted).equals(userAsks);
  }

  private Optional<HeaterCommand> keepAlive(long now) {
    long period = settings.protections().keepAliveSeconds() * NANOS_PER_SECOND;
    if (commanded && period > 0 && now - commandedAt >= period) {
      return Optional.of(command(heaterOn, Reason.KEEP_ALIVE, now));
    }
    return Optional.empty();
  }

  private HeaterCommand command(boolean on, Reason reason, long now) {
    if (on != heaterOn) {
      switchedAt = now;
      userAsks = null;
    }
    heaterOn = on;
    commanded = true;
    commandedAt = now;
    return new HeaterCommand(on, reason, now);
  }
}
