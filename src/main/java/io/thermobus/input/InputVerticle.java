package io.thermobus.input;

import io.thermobus.Refusal;
import io.thermobus.control.ControlSettings;
import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.DesiredValues;
import io.thermobus.event.InputReceived;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetControl;
import io.thermobus.event.SetDesired;
import io.thermobus.event.SetZoneSettings;
import io.thermobus.event.SettingsQuery;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.UpcomingSetpoint;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.sim.Centi;
import io.thermobus.sim.SimClock;
import io.thermobus.zone.Deadlines;
import io.thermobus.zone.ShardTimer;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneList;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of inputs: the single writer of each hosted zone's desired temperature. Takes exact
 * values (REST, WebSocket) and key presses (terminal, browser); every key is published as soon as
 * it is its turn, so the display renders it without waiting for the next temperature change.
 * It is also the single writer of the zones' other settings: the preset, presets and weekly
 * schedule, applied in the node's simulated time (0 is a Monday, 00:00) so the desired temperature
 * it publishes is the one in force; and the control settings, which it sends to the display shard
 * that runs the zone's controller at start and after each change, as it does the schedule's next
 * switch (for the predictive controller's optimum start).
 * Desired temperatures are restored from the zones' settings files at start. A change is saved
 * first and only then applied, published and confirmed; a change that cannot be saved is refused
 * and changes nothing. Each zone's requests are handled one at a time, in arrival order, each
 * after the previous one's save; zones do not wait for each other. A deleted zone's file is
 * removed. Start-up findings and save failures are logged once for many zones, not once per zone.
 */
public final class InputVerticle extends ShardVerticle {

  /** Failure code of a refused request, mapped to HTTP 400 by the web layer. */
  public static final int REFUSED = 400;
  /** Failure code of a change that could not be saved and so was not made, mapped to HTTP 503 by the web layer. */
  public static final int NOT_SAVED = 503;
  /**
   * While saving fails, how often the shard writes the current settings of its zones that could
   * not save again, to learn that saving works; the same as the Retry-After a refusal carries
   * across the event bus.
   */
  public static final Duration SAVE_RETRY = Duration.ofSeconds(Refusal.DEFAULT_RETRY_SECONDS);
  /** Requests of one zone waiting for their turn (behind a slow save) before further ones are refused as not saved. */
  static final int MAX_WAITING = 64;

  private static final Logger LOG = LoggerFactory.getLogger(InputVerticle.class);
  /** Unusable settings files are logged one by one up to this many per start, then only counted. */
  private static final int DETAILED_PROBLEMS = 3;

  /** One zone's input, owned by this verticle's event loop. */
  private final class Input {
    final String zone;
    final SettingsFile settings;
    int desiredCenti;
    /** The settings as last saved (or read at start); a save writes all of them. */
    ZoneSettings saved;
    /** Which of manual setpoint, preset and schedule is in force; {@link #desiredCenti} is what it sets. */
    ZoneSetpoint setpoint;
    /** The schedule's next switch, as the zone's controller was (or will at start be) told it. */
    ScheduledSetpoint next;
    boolean restored;
    KeyInput keys;
    /** The zone's last request (or retry, or removal); the next one starts after it. */
    Future<?> lastTurn = Future.succeededFuture();
    int waiting;

    Input(String zone, int desiredCenti) {
      this.zone = zone;
      this.settings = new SettingsFile(dataDir, zone);
      this.desiredCenti = desiredCenti;
      this.saved = ZoneSettings.ofDesiredCenti(desiredCenti);
    }

    ControlSettings control() {
      return saved.controlOr(defaultControl);
    }

    KeyInput keys() {
      if (keys == null) {
        keys = new KeyInput(range, stepCenti);
      }
      return keys;
    }
  }

  /** What reading the settings found at start, on a worker thread. */
  private record Restored(Map<String, ZoneSettings> settings, List<String> problems, int unusable) {}

  private final DesiredRange range;
  private final int stepCenti;
  private final Path dataDir;
  private final SettingsHealth health;
  private final ControlSettings defaultControl;
  private final SimClock clock;
  // Owned by this verticle's event loop: the zones' next schedule switches and their one timer.
  private final Deadlines switches = new Deadlines();
  private ShardTimer timer;
  // Owned by this verticle's event loop.
  private final Map<String, Input> inputs = new HashMap<>();
  /** The hosted zones whose last save failed; one retry timer serves them all. */
  private final Set<Input> unsaved = new LinkedHashSet<>();
  private long retryTimer = -1;

  public InputVerticle(int shard, ZoneDirectory directory, DesiredRange range, int stepCenti, Path dataDir,
                       SettingsHealth health, ControlSettings defaultControl, SimClock clock) {
    super(Concern.INPUT, shard, directory);
    this.defaultControl = defaultControl;
    this.clock = clock;
    this.range = range;
    this.stepCenti = stepCenti;
    this.dataDir = dataDir;
    this.health = health;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> inputs.put(spec.name(), new Input(spec.name(), spec.desiredCenti())));
    List<Input> all = List.copyOf(inputs.values());
    return vertx.executeBlocking(() -> storedDesired(all)).onSuccess(restored -> {
      restored.settings().forEach((zone, settings) -> {
        Input input = inputs.get(zone);
        input.desiredCenti = range.require(settings.desired());
        input.saved = settings;
        input.restored = true;
      });
      restored.problems().forEach(LOG::error);
      if (restored.unusable() > restored.problems().size()) {
        LOG.error("{} more zones' settings files were unusable; they start from their configured desired temperatures",
            restored.unusable() - restored.problems().size());
      }
      if (!restored.settings().isEmpty()) {
        LOG.info("{}: restored the desired temperature from {}", ZoneList.describe(restored.settings().keySet()), dataDir);
      }
      timer = new ShardTimer(vertx, clock, switches, this::scheduleDue);
      inputs.values().forEach(this::startSetpoint);
    });
  }

  @Override
  protected void started() {
    inputs.forEach((zone, input) -> {
      sendControl(input);
      publishDesired(input, input.restored ? "restored" : "start");
      sendUpcoming(input);
      if (health.isFailing(zone)) {
        // A predecessor of this shard could not save this zone: keep finding out when saving works again.
        unsaved.add(input);
      }
    });
    retryUntilSaved();
  }

  /** Undeploying waits for the requests already accepted, so a clean shutdown never loses a confirmed change. */
  @Override
  public Future<?> stop() {
    List<Future<?>> turns = new ArrayList<>();
    inputs.values().forEach(input -> {
      if (!input.lastTurn.isComplete()) {
        turns.add(input.lastTurn);
      }
    });
    return Future.join(turns).otherwiseEmpty();
  }

  /**
   * A zone created at run time starts from its requested desired temperature, saved before the
   * creation is confirmed; requests for it wait for that save. A zone whose settings cannot be
   * saved is not created.
   */
  @Override
  protected Future<?> add(ZoneSpec spec) {
    Input input = new Input(spec.name(), spec.desiredCenti());
    inputs.put(spec.name(), input);
    startSetpoint(input);
    Future<Void> saved = write(input, input.saved)
        .onSuccess(written -> {
          sendControl(input);
          publishDesired(input, "created");
          sendUpcoming(input);
        })
        .recover(failure -> {
          inputs.remove(spec.name(), input);
          LOG.error("Zone {}: cannot save settings to {}: {}; the zone was not created", spec.name(), input.settings.path(),
              reason(failure));
          return Future.failedFuture("its settings could not be saved");
        });
    input.lastTurn = saved;
    return saved;
  }

  /** Drops the zone once its accepted requests are done, then removes its settings file. */
  @Override
  protected Future<?> remove(String zone) {
    Input input = inputs.remove(zone);
    if (input == null) {
      return Future.succeededFuture();
    }
    unsaved.remove(input);
    switches.cancel(zone);
    health.saved(zone);
    Future<?> removed = input.lastTurn.transform(previous -> vertx.executeBlocking(() -> {
      input.settings.delete();
      return null;
    }));
    input.lastTurn = removed;
    return removed;
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof SetDesired request) {
      setDesired(request, message);
    } else if (body instanceof KeyPressed key) {
      keyPressed(key, message);
    } else if (body instanceof SetControl request) {
      setControl(request, message);
    } else if (body instanceof SettingsQuery query) {
      Input input = hosted(query.zone(), message);
      if (input != null) {
        message.reply(input.saved.withControl(input.control()));
      }
    } else if (body instanceof SetZoneSettings request) {
      setSetpoint(request, message);
    } else if (body instanceof ShardQuery) {
      Map<String, Integer> desired = new HashMap<>();
      Map<String, ControlSettings> control = new HashMap<>();
      Map<String, ScheduledSetpoint> upcoming = new HashMap<>();
      inputs.forEach((zone, input) -> {
        desired.put(zone, input.desiredCenti);
        control.put(zone, input.control());
        if (input.next != null) {
          upcoming.put(zone, input.next);
        }
      });
      message.reply(new DesiredValues(desired, control, upcoming));
    }
  }

  private void setDesired(SetDesired request, Message<Object> message) {
    Input input = hosted(request.zone(), message);
    if (input == null) {
      return;
    }
    int requested;
    try {
      requested = range.require(request.celsius());
    } catch (IllegalArgumentException e) {
      message.fail(REFUSED, e.getMessage());
      return;
    }
    inTurn(input, message, () -> change(input, requested, request.source())
        .onSuccess(changed -> message.reply(requested))
        .onFailure(failure -> message.fail(NOT_SAVED, failure.getMessage())));
  }

  /**
   * Saves a new preset, presets or schedule, then applies it, publishes the desired temperature
   * now in force and confirms with the zone's settings.
   */
  private void setSetpoint(SetZoneSettings request, Message<Object> message) {
    Input input = hosted(request.zone(), message);
    if (input == null) {
      return;
    }
    ZoneSettings changed;
    Runnable apply;
    String source = DesiredChanged.PRESET;
    if (request instanceof SetZoneSettings.SetPreset preset) {
      changed = input.saved.withPreset(preset.preset());
      apply = () -> input.setpoint.preset(preset.preset(), clock.now());
    } else if (request instanceof SetZoneSettings.SetPresets presets) {
      changed = input.saved.withPresets(presets.presets());
      apply = () -> input.setpoint.presets(presets.presets());
    } else {
      SetZoneSettings.SetSchedule schedule = (SetZoneSettings.SetSchedule) request;
      changed = input.saved.withSchedule(schedule.schedule());
      apply = () -> input.setpoint.schedule(schedule.schedule(), clock.now());
      source = DesiredChanged.SCHEDULE;
    }
    String appliedBy = source;
    inTurn(input, message, () -> save(input, changed)
        .onSuccess(saved -> {
          apply.run();
          applySetpoint(input, appliedBy);
          message.reply(input.saved.withControl(input.control()));
        })
        .onFailure(failure -> message.fail(NOT_SAVED, notSaved(input))));
  }

  /** Saves new control settings, then sends them to the zone's display and confirms them. */
  private void setControl(SetControl request, Message<Object> message) {
    Input input = hosted(request.zone(), message);
    if (input == null) {
      return;
    }
    inTurn(input, message, () -> save(input, input.saved.withControl(request.settings()))
        .onSuccess(saved -> {
          sendControl(input);
          message.reply(input.control());
        })
        .onFailure(failure -> message.fail(NOT_SAVED, notSaved(input))));
  }

  private void keyPressed(KeyPressed key, Message<Object> message) {
    Input input = hosted(key.zone(), message);
    if (input == null) {
      return;
    }
    if (!KeyInput.isKnown(key.key())) {
      message.fail(REFUSED, KeyInput.UNSUPPORTED);
      return;
    }
    inTurn(input, message, () -> {
      KeyInput keys = input.keys();
      KeyInput.Outcome outcome = keys.press(key.key(), input.desiredCenti);
      events.publish(new InputReceived(input.zone, key.key(), keys.trace(), keys.pending(), Instant.now()));
      Future<Void> changed = outcome.desiredCenti().isPresent()
          ? change(input, outcome.desiredCenti().getAsInt(), key.source())
          : Future.succeededFuture();
      return changed.onComplete(done -> {
        if (done.failed()) {
          message.fail(NOT_SAVED, done.cause().getMessage());
        } else if (outcome.error() != null) {
          message.fail(REFUSED, outcome.error());
        } else {
          message.reply(input.desiredCenti);
        }
      });
    });
  }

  /** The hosted zone's input, or {@code null} after failing the request as for an unknown zone. */
  private Input hosted(String zone, Message<Object> message) {
    Input input = inputs.get(zone);
    if (input == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + zone + "'");
    }
    return input;
  }

  /**
   * Runs {@code step} once every earlier request of the zone has finished, so each one starts from
   * the saved state of the last; refuses the request when too many already wait (a save that hangs).
   */
  private void inTurn(Input input, Message<?> request, Supplier<Future<?>> step) {
    if (input.waiting >= MAX_WAITING) {
      request.fail(NOT_SAVED, "zone '" + input.zone + "': too many changes are waiting to be saved; try again later");
      return;
    }
    input.waiting++;
    afterLastTurn(input, () -> {
      input.waiting--;
      if (inputs.get(input.zone) != input) {
        // Deleted, or its creation failed, while the request waited.
        request.fail(UNKNOWN_ZONE, "no zone named '" + input.zone + "'");
        return Future.succeededFuture();
      }
      return step.get();
    });
  }

  private static void afterLastTurn(Input input, Supplier<Future<?>> step) {
    input.lastTurn = input.lastTurn.transform(previous -> step.get());
  }

  /** Saves a new desired temperature, then applies and publishes it; fails, changing nothing, when it cannot be saved. */
  private Future<Void> change(Input input, int centi, String source) {
    if (centi == input.desiredCenti && input.setpoint.preset() == null) {
      return Future.succeededFuture();
    }
    return save(input, input.saved.withDesiredCenti(centi).withPreset(null))
        .onSuccess(saved -> {
          input.setpoint.manual(centi, clock.now());
          applySetpoint(input, source);
        })
        .recover(failure -> Future.failedFuture(notSaved(input)));
  }

  /** The zone's setpoint from its saved settings: the schedule, if any, in force from now. */
  private void startSetpoint(Input input) {
    ZoneSettings saved = input.saved;
    input.setpoint = new ZoneSetpoint(input.desiredCenti, saved.preset(), saved.presets(), saved.schedule(),
        SimClock.WEEK, clock.now());
    applySetpoint(input, null);
  }

  /**
   * Takes the desired temperature now in force and the schedule's next switch, and tells the
   * zone's controller what changed (unless {@code source} is null: not yet announced, done at
   * start), the desired temperature first; then waits for that switch.
   */
  private void applySetpoint(Input input, String source) {
    ZoneSetpoint.Change change = input.setpoint.poll(clock.now());
    input.desiredCenti = change.desiredCenti();
    input.next = change.next();
    if (source != null && change.desiredChanged()) {
      publishDesired(input, source);
    }
    if (source != null && change.nextChanged()) {
      sendUpcoming(input);
    }
    ScheduledSetpoint next = change.next();
    if (next == null) {
      switches.cancel(input.zone);
    } else {
      switches.schedule(input.zone, next.at());
      timer.rearm();
    }
  }

  private void scheduleDue() {
    switches.pollDue(clock.now(), zone -> applySetpoint(inputs.get(zone), DesiredChanged.SCHEDULE));
  }

  private static String notSaved(Input input) {
    return "zone '" + input.zone + "': the new setting could not be saved, so it was not changed; try again later";
  }

  /** Writes a hosted zone's settings and keeps {@link SettingsHealth} and the retry timer up to date. */
  private Future<Void> save(Input input, ZoneSettings settings) {
    return write(input, settings)
        .onSuccess(saved -> {
          input.saved = settings;
          if (unsaved.remove(input)) {
            health.saved(input.zone);
            if (unsaved.isEmpty()) {
              LOG.info("Input shard {}: settings can be saved to {} again", shard, dataDir);
            }
          }
        })
        .onFailure(failure -> {
          if (inputs.get(input.zone) != input) {
            return; // deleted meanwhile
          }
          if (unsaved.isEmpty()) {
            LOG.error("Zone {}: cannot save settings to {}: {}; refusing changes to this shard's zones that cannot save"
                + " until saving works again (further zones are not logged one by one)", input.zone, input.settings.path(),
                reason(failure));
          }
          unsaved.add(input);
          health.failed(input.zone, reason(failure));
          retryUntilSaved();
        });
  }

  /** Writes the settings on a worker thread. */
  private Future<Void> write(Input input, ZoneSettings snapshot) {
    return vertx.executeBlocking(() -> {
      input.settings.write(snapshot);
      return null;
    });
  }

  /**
   * While some zones cannot save, writes their current (saved) settings again after
   * {@link #SAVE_RETRY}, each in its zone's turn, until every one succeeds: one timer per shard.
   */
  private void retryUntilSaved() {
    if (retryTimer < 0 && !unsaved.isEmpty()) {
      retryTimer = vertx.setTimer(SAVE_RETRY.toMillis(), id -> {
        retryTimer = -1;
        // A retry that fails arms the timer again.
        List.copyOf(unsaved).forEach(input -> afterLastTurn(input, () -> save(input, input.saved)));
      });
    }
  }

  private static String reason(Throwable failure) {
    return failure instanceof IOException io ? SettingsFile.reason(io) : String.valueOf(failure.getMessage());
  }

  /** Runs on a worker thread; an unusable file is reported, set aside, and the configured default is kept. */
  private Restored storedDesired(List<Input> all) {
    Map<String, ZoneSettings> settings = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int unusable = 0;
    for (Input input : all) {
      String problem = null;
      try {
        Optional<ZoneSettings> stored = input.settings.read();
        if (stored.isPresent()) {
          range.require(stored.get().desired());
          settings.put(input.zone, stored.get());
        }
      } catch (SettingsUnreadableException e) {
        problem = "Zone " + input.zone + ": " + e.getMessage() + "; starting from the configured defaults" + setAside(input);
      } catch (IllegalArgumentException e) {
        problem = "Zone " + input.zone + ": settings file " + input.settings.path() + " holds a desired temperature outside "
            + Centi.format(range.minCenti()) + "–" + Centi.format(range.maxCenti()) + " °C; starting from the configured defaults"
            + setAside(input);
      }
      if (problem != null && ++unusable <= DETAILED_PROBLEMS) {
        problems.add(problem);
      }
    }
    return new Restored(settings, problems, unusable);
  }

  private static String setAside(Input input) {
    try {
      return " (the file was kept as " + input.settings.quarantine() + ")";
    } catch (IOException e) {
      return " (the file could not be moved aside: " + e.getMessage() + ")";
    }
  }

  /**
   * The display shard hosting the zone runs its controller, a simulated zone's room shard its room
   * model, and a device shard its relay when it is on MQTT (its minimum times); one started later,
   * or a zone added later, asks for them itself.
   */
  private void sendControl(Input input) {
    ControlChanged changed = new ControlChanged(input.zone, input.control());
    vertx.eventBus().send(events.addressOf(Concern.DISPLAY, input.zone), changed);
    vertx.eventBus().send(events.addressOf(Concern.ROOM, input.zone), changed);
    vertx.eventBus().send(events.addressOf(Concern.DEVICE, input.zone), changed);
  }

  private void sendUpcoming(Input input) {
    vertx.eventBus().send(events.addressOf(Concern.DISPLAY, input.zone), new UpcomingSetpoint(input.zone, input.next));
  }

  private void publishDesired(Input input, String source) {
    events.publish(new DesiredChanged(input.zone, input.desiredCenti, source, Instant.now()));
  }
}
