package io.thermobus.thermostat;

import io.thermobus.control.ControlSettings;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.DesiredValues;
import io.thermobus.event.DeviceFault;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.InputReceived;
import io.thermobus.event.Readings;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.StateQuery;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.UpcomingSetpoint;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.event.ZoneStates;
import io.thermobus.sim.SimClock;
import io.thermobus.zone.Deadlines;
import io.thermobus.zone.ShardTimer;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneList;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of displays, as in the chapter: for each hosted zone it watches temperature, desired
 * temperature and input, lets the zone's {@link ZoneControl} decide (it is the single writer of
 * "heater on"), and renders a frame whenever a subject changes, immediately on every input. It
 * answers the zones' states, one or all at once. Its zones fail safe: one periodic check for the
 * whole shard finds zones whose readings went stale; zones that fault or recover together are
 * logged as one line. Before its first reading a zone is waiting, not in a fault: its heater stays
 * off (it is commanded off once the first reading is overdue).
 */
public final class DisplayVerticle extends ShardVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(DisplayVerticle.class);
  private static final Duration MIN_STALE_WALL = Duration.ofSeconds(1);

  /** What the display knows of one zone; owned by this verticle's event loop. */
  private static final class View {
    final ZoneControl control;
    Integer temperature;
    Integer desired;
    String input = "";
    /** Why the zone's real devices fail it, as its device shard last said; {@code null} for a simulated zone. */
    String deviceFault;
    Instant changedAt = Instant.now();
    long scheduled = Long.MAX_VALUE;

    View(ZoneControl control) {
      this.control = control;
    }
  }

  private final ZoneControls controls;
  private final SimClock clock;
  private final Duration configuredStaleTimeout;
  /** The clock's speed that {@link #staleTimeout} was set for. */
  private double staleTimeoutScale;
  private Duration staleTimeout;
  private long checkTimer = -1;
  // Owned by this verticle's event loop.
  private final Map<String, View> views = new HashMap<>();
  private final Deadlines pending = new Deadlines();
  private final List<String> recovered = new ArrayList<>();
  private final List<String> faulted = new ArrayList<>();
  private final List<String> overdue = new ArrayList<>();
  private ShardTimer timer;

  public DisplayVerticle(int shard, ZoneDirectory directory, ZoneControls controls, SimClock clock, Duration staleTimeout) {
    super(Concern.DISPLAY, shard, directory);
    this.controls = controls;
    this.clock = clock;
    this.configuredStaleTimeout = staleTimeout;
    this.staleTimeoutScale = clock.timeScale();
    this.staleTimeout = staleTimeoutAt(staleTimeoutScale);
  }

  /**
   * The configured timeout, but never less than a wall second at {@code scale}: at high time
   * scales a few simulated seconds are a few wall milliseconds, less than a GC pause on a busy
   * machine.
   */
  private Duration staleTimeoutAt(double scale) {
    Duration minimum = Duration.ofNanos((long) (MIN_STALE_WALL.toNanos() * scale));
    return configuredStaleTimeout.compareTo(minimum) >= 0 ? configuredStaleTimeout : minimum;
  }

  /**
   * After the clock's speed changed ({@code PUT /api/simulation}), every zone's stale timeout and
   * the periodic check's interval follow it, before any zone is judged at the new speed.
   */
  private void followTimeScale() {
    double scale = clock.timeScale();
    if (scale != staleTimeoutScale) {
      staleTimeoutScale = scale;
      staleTimeout = staleTimeoutAt(scale);
      views.values().forEach(view -> view.control.staleTimeout(staleTimeout));
      scheduleChecks();
    }
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    long now = clock.now();
    zones.forEach(spec -> views.put(spec.name(), new View(controls.create(spec.name(), now, false, staleTimeout))));
    timer = new ShardTimer(vertx, clock, pending, this::actuateDue);
    return currentDesired();
  }

  /** At first start the input is not deployed yet; after a redeploy of this display it knows the settings. */
  private Future<Void> currentDesired() {
    return ZoneRequests.<DesiredValues>toShard(vertx.eventBus(), Concern.INPUT, shard, new ShardQuery())
        .onSuccess(values -> values.desiredCenti().forEach((zone, centi) -> {
          View view = views.get(zone);
          if (view != null && view.desired == null) {
            ControlSettings settings = values.control().get(zone);
            if (settings != null) {
              view.control.settings(settings, clock.now());
            }
            view.desired = centi;
            command(zone, view, view.control.desired(centi, false, clock.now()));
            command(zone, view, view.control.upcoming(values.upcoming().get(zone), clock.now()));
          }
        }))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  protected void started() {
    scheduleChecks();
  }

  /** The readings are checked four times per stale timeout, in wall time at the clock's speed now. */
  private void scheduleChecks() {
    if (checkTimer >= 0) {
      vertx.cancelTimer(checkTimer);
    }
    long checkEvery = Math.max(10, clock.wallMillisUntil(clock.now() + staleTimeout.toNanos()) / 4);
    checkTimer = vertx.setPeriodic(checkEvery, id -> checkReadings());
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    views.put(spec.name(), new View(controls.create(spec.name(), clock.now(), false, staleTimeout)));
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> remove(String zone) {
    views.remove(zone);
    pending.cancel(zone);
    return Future.succeededFuture();
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    followTimeScale();
    if (body instanceof TemperatureChanged event) {
      View view = views.get(event.zone());
      if (view != null) {
        boolean faulted = view.control.fault() != null;
        view.temperature = event.centi();
        command(event.zone(), view, view.control.temperature(event.centi(), clock.now()));
        if (faulted && view.control.fault() == null) {
          recovered.add(event.zone());
        }
        render(event.zone(), view, event.at());
      }
    } else if (body instanceof DesiredChanged event) {
      View view = views.get(event.zone());
      if (view != null) {
        view.desired = event.centi();
        command(event.zone(), view, view.control.desired(event.centi(), event.byUser(), clock.now()));
        render(event.zone(), view, event.at());
      }
    } else if (body instanceof ControlChanged event) {
      View view = views.get(event.zone());
      if (view != null) {
        command(event.zone(), view, view.control.settings(event.settings(), clock.now()));
        render(event.zone(), view, Instant.now());
      }
    } else if (body instanceof UpcomingSetpoint event) {
      View view = views.get(event.zone());
      if (view != null) {
        command(event.zone(), view, view.control.upcoming(event.next(), clock.now()));
        render(event.zone(), view, Instant.now());
      }
    } else if (body instanceof InputReceived event) {
      View view = views.get(event.zone());
      if (view != null) {
        view.input = event.trace();
        render(event.zone(), view, event.at());
      }
    } else if (body instanceof DeviceFault event) {
      View view = views.get(event.zone());
      if (view != null && !Objects.equals(view.deviceFault, event.fault())) {
        view.deviceFault = event.fault();
        render(event.zone(), view, Instant.now());
      }
    } else if (body instanceof StateQuery query) {
      View view = views.get(query.zone());
      if (view == null) {
        message.fail(UNKNOWN_ZONE, "no zone named '" + query.zone() + "'");
      } else {
        message.reply(state(query.zone(), view));
      }
    } else if (body instanceof ShardQuery) {
      List<ZoneState> states = new ArrayList<>(views.size());
      views.forEach((zone, view) -> states.add(state(zone, view)));
      message.reply(new ZoneStates(states));
    }
  }

  /**
   * The shard's periodic check: zones whose readings went stale are switched off, and so are zones
   * whose first reading is overdue (without a fault), each kind in one log line.
   */
  private void checkReadings() {
    followTimeScale();
    long now = clock.now();
    views.forEach((zone, view) -> tick(zone, view, now));
    logChecks();
  }

  private void actuateDue() {
    followTimeScale();
    long now = clock.now();
    pending.pollDue(now, zone -> {
      View view = views.get(zone);
      view.scheduled = Long.MAX_VALUE;
      if (!tick(zone, view, now)) {
        render(zone, view, Instant.now());
      }
    });
    logChecks();
  }

  /**
   * Lets time pass for one zone, noting a new fault or an overdue first reading for
   * {@link #logChecks}; answers whether it rendered the zone (for either).
   */
  private boolean tick(String zone, View view, long now) {
    boolean wasFaulted = view.control.fault() != null;
    HeaterCommand command = view.control.tick(now);
    command(zone, view, command);
    if (!wasFaulted && view.control.fault() != null) {
      faulted.add(zone);
    } else if (command == HeaterCommand.FORCED_OFF && view.control.readings() == Readings.WAITING) {
      overdue.add(zone);
    } else {
      return false;
    }
    render(zone, view, Instant.now());
    return true;
  }

  /** Logs the zones that faulted, recovered or still wait for a first reading since the last time, each kind in one line. */
  private void logChecks() {
    if (!overdue.isEmpty()) {
      LOG.info("{}: still waiting for a first temperature reading after {} simulated s; heater kept off",
          ZoneList.describe(overdue), staleTimeout.toSeconds());
    }
    if (!faulted.isEmpty()) {
      LOG.warn("{}: no temperature reading for over {} simulated s; heater forced off", ZoneList.describe(faulted),
          staleTimeout.toSeconds());
    }
    overdue.clear();
    faulted.clear();
    if (!recovered.isEmpty()) {
      LOG.info("{}: temperature readings are back; leaving the fail-safe state", ZoneList.describe(recovered));
      recovered.clear();
    }
  }

  /** Publishes what the control commanded and keeps its next action scheduled. */
  private void command(String zone, View view, HeaterCommand command) {
    if (command != HeaterCommand.NONE) {
      events.publish(new HeaterSwitched(zone, command == HeaterCommand.ON, command == HeaterCommand.FORCED_OFF,
          view.temperature, view.desired, Instant.now()));
    }
    long next = view.control.nextTick();
    if (next == view.scheduled) {
      return;
    }
    view.scheduled = next;
    if (next == Long.MAX_VALUE) {
      pending.cancel(zone);
    } else {
      pending.schedule(zone, next);
      timer.rearm();
    }
  }

  private void render(String zone, View view, Instant at) {
    view.changedAt = at;
    boolean heaterOn = view.control.heaterOn();
    events.publish(new FrameRendered(zone, view.temperature == null ? 0 : view.temperature,
        view.desired == null ? 0 : view.desired, heaterOn, view.input,
        FrameText.render(view.temperature, view.desired, heaterOn, view.input, view.control.readings(), fault(view)), at));
  }

  private static ZoneState state(String zone, View view) {
    return new ZoneState(zone, view.temperature, view.desired, view.control.heaterOn(), view.input, view.changedAt,
        view.control.readings(), fault(view), view.control.settings().controller(), view.control.mode());
  }

  /** The thermostat's fail-safe first, else what the zone's devices report. */
  private static String fault(View view) {
    return view.control.fault() != null ? view.control.fault() : view.deviceFault;
  }
}
