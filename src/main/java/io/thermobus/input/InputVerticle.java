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
import io.thermobus.schedule.ZoneSetpoint;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.sim.SimClock;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of inputs: the single writer of each hosted zone's desired temperature. Takes exact
 * values (REST, WebSocket) and key presses (terminal, browser); every key is published as soon as
 * it is its turn, so the display renders it without waiting for the next temperature change.
 * It is also the single writer of the zones' other settings: the preset, presets and weekly
 * schedule, applied in the node's simulated time (0 is a Monday, 00:00) so the desired temperature
 * it publishes is the one in force; and the control settings, which it sends to the shards that
 * use them ({@link ControlRecipients}) at start and after each change, as it sends the schedule's
 * next switch to the display (for the predictive controller's optimum start).
 * Desired temperatures are restored from the zones' settings files at start. A change is saved
 * first and only then applied, published and confirmed; a change that cannot be saved is refused
 * and changes nothing. Each zone's requests are handled one at a time, in arrival order, each
 * after the previous one's save ({@link ZoneTurns}); zones do not wait for each other. A deleted
 * zone's file is removed. Start-up findings and save failures are logged once for many zones, not
 * once per zone.
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

  private static final Logger LOG = LoggerFactory.getLogger(InputVerticle.class);

  private final DesiredRange range;
  private final int stepCenti;
  private final Path dataDir;
  private final ControlSettings defaultControl;
  private final SimClock clock;
  // Owned by this verticle's event loop, as are the parts below.
  private final Map<String, ZoneInput> inputs = new HashMap<>();
  private final UnsavedZones unsaved;
  private SettingsSaver saver;
  private ScheduleSwitches switches;

  public InputVerticle(int shard, ZoneDirectory directory, DesiredRange range, int stepCenti, Path dataDir,
                       SettingsHealth health, ControlSettings defaultControl, SimClock clock) {
    super(Concern.INPUT, shard, directory);
    this.defaultControl = defaultControl;
    this.clock = clock;
    this.range = range;
    this.stepCenti = stepCenti;
    this.dataDir = dataDir;
    this.unsaved = new UnsavedZones(LOG, shard, dataDir, health);
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    saver = new SettingsSaver(vertx, unsaved, SAVE_RETRY, input -> inputs.get(input.zone) == input);
    switches = new ScheduleSwitches(vertx, clock, zone -> applySetpoint(inputs.get(zone), DesiredChanged.SCHEDULE));
    zones.forEach(spec -> inputs.put(spec.name(), new ZoneInput(spec, dataDir)));
    List<ZoneInput> all = List.copyOf(inputs.values());
    return vertx.executeBlocking(() -> RestoredSettings.read(all, range)).onSuccess(restored -> {
      restored.settings().forEach((zone, settings) -> inputs.get(zone).restore(settings, range.require(settings.desired())));
      restored.log(LOG, dataDir);
      inputs.values().forEach(this::startSetpoint);
    });
  }

  @Override
  protected void started() {
    inputs.values().forEach(input -> {
      // At the node's first start the room and device shards start after this one and ask for
      // their settings themselves; this announcement is for them when this shard is deployed again.
      sendControl(input);
      publishDesired(input, input.restored() ? "restored" : "start");
      sendUpcoming(input);
      unsaved.adoptFailing(input);
    });
    saver.retryUntilSaved();
  }

  /** Undeploying waits for the requests already accepted, so a clean shutdown never loses a confirmed change. */
  @Override
  public Future<?> stop() {
    List<Future<?>> turns = inputs.values().stream()
        .<Future<?>>map(input -> input.turns.last())
        .filter(turn -> !turn.isComplete())
        .toList();
    return Future.join(turns).otherwiseEmpty();
  }

  /**
   * A zone created at run time starts from its requested desired temperature, saved before the
   * creation is confirmed; requests for it wait for that save. A zone whose settings cannot be
   * saved is not created.
   */
  @Override
  protected Future<?> add(ZoneSpec spec) {
    ZoneInput input = new ZoneInput(spec, dataDir);
    inputs.put(spec.name(), input);
    startSetpoint(input);
    Future<Void> saved = saver.write(input, input.saved())
        .onSuccess(written -> {
          sendControl(input);
          publishDesired(input, "created");
          sendUpcoming(input);
        })
        .recover(failure -> {
          inputs.remove(spec.name(), input);
          LOG.error("Zone {}: cannot save settings to {}: {}; the zone was not created", spec.name(), input.settings.path(),
              SettingsSaver.reason(failure));
          return Future.failedFuture("its settings could not be saved");
        });
    input.turns.then(() -> saved);
    return saved;
  }

  /** Drops the zone once its accepted requests are done, then removes its settings file. */
  @Override
  protected Future<?> remove(String zone) {
    ZoneInput input = inputs.remove(zone);
    if (input == null) {
      return Future.succeededFuture();
    }
    unsaved.removed(input);
    switches.cancel(zone);
    return input.turns.then(() -> vertx.executeBlocking(() -> {
      input.settings.delete();
      return null;
    }));
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
      ZoneInput input = hosted(query.zone(), message);
      if (input != null) {
        message.reply(input.answer(defaultControl));
      }
    } else if (body instanceof SetZoneSettings request) {
      setSettings(request, message);
    } else if (body instanceof ShardQuery) {
      message.reply(values());
    }
  }

  /** What this shard's zones are set to, for a shard of another concern that starts. */
  private DesiredValues values() {
    Map<String, Integer> desired = new HashMap<>();
    Map<String, ControlSettings> control = new HashMap<>();
    Map<String, ScheduledSetpoint> upcoming = new HashMap<>();
    inputs.forEach((zone, input) -> {
      desired.put(zone, input.desiredCenti());
      control.put(zone, input.control(defaultControl));
      if (input.next() != null) {
        upcoming.put(zone, input.next());
      }
    });
    return new DesiredValues(desired, control, upcoming);
  }

  private void setDesired(SetDesired request, Message<Object> message) {
    ZoneInput input = hosted(request.zone(), message);
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
  private void setSettings(SetZoneSettings request, Message<Object> message) {
    ZoneInput input = hosted(request.zone(), message);
    if (input == null) {
      return;
    }
    SettingsChange change = SettingsChange.of(request, input.saved());
    inTurn(input, message, () -> saver.save(input, change.settings())
        .onSuccess(saved -> {
          change.apply().accept(input.setpoint(), clock.now());
          applySetpoint(input, change.source());
          message.reply(input.answer(defaultControl));
        })
        .onFailure(failure -> message.fail(NOT_SAVED, notSaved(input))));
  }

  /** Saves new control settings, then sends them to the shards that use them and confirms them. */
  private void setControl(SetControl request, Message<Object> message) {
    ZoneInput input = hosted(request.zone(), message);
    if (input == null) {
      return;
    }
    inTurn(input, message, () -> saver.save(input, input.saved().withControl(request.settings()))
        .onSuccess(saved -> {
          sendControl(input);
          message.reply(input.control(defaultControl));
        })
        .onFailure(failure -> message.fail(NOT_SAVED, notSaved(input))));
  }

  private void keyPressed(KeyPressed key, Message<Object> message) {
    ZoneInput input = hosted(key.zone(), message);
    if (input == null) {
      return;
    }
    if (!KeyInput.isKnown(key.key())) {
      message.fail(REFUSED, KeyInput.UNSUPPORTED);
      return;
    }
    inTurn(input, message, () -> {
      KeyInput keys = input.keys(range, stepCenti);
      KeyInput.Outcome outcome = keys.press(key.key(), input.desiredCenti());
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
          message.reply(input.desiredCenti());
        }
      });
    });
  }

  /** The hosted zone's input, or {@code null} after failing the request as for an unknown zone. */
  private ZoneInput hosted(String zone, Message<Object> message) {
    ZoneInput input = inputs.get(zone);
    if (input == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + zone + "'");
    }
    return input;
  }

  /**
   * Runs {@code step} once every earlier request of the zone has finished, so each one starts from
   * the saved state of the last; refuses the request when too many already wait (a save that hangs).
   */
  private void inTurn(ZoneInput input, Message<?> request, Supplier<Future<?>> step) {
    boolean queued = input.turns.request(() -> {
      if (inputs.get(input.zone) != input) {
        // Deleted, or its creation failed, while the request waited.
        request.fail(UNKNOWN_ZONE, "no zone named '" + input.zone + "'");
        return Future.succeededFuture();
      }
      return step.get();
    });
    if (!queued) {
      request.fail(NOT_SAVED, "zone '" + input.zone + "': too many changes are waiting to be saved; try again later");
    }
  }

  /** Saves a new desired temperature, then applies and publishes it; fails, changing nothing, when it cannot be saved. */
  private Future<Void> change(ZoneInput input, int centi, String source) {
    if (input.holdsManual(centi)) {
      return Future.succeededFuture();
    }
    return saver.save(input, input.saved().withDesiredCenti(centi).withPreset(null))
        .onSuccess(saved -> {
          input.setpoint().manual(centi, clock.now());
          applySetpoint(input, source);
        })
        .recover(failure -> Future.failedFuture(notSaved(input)));
  }

  /** The zone's setpoint from its saved settings: the schedule, if any, in force from now. */
  private void startSetpoint(ZoneInput input) {
    input.startSetpoint(SimClock.WEEK, clock.now());
    applySetpoint(input, null);
  }

  /**
   * Takes the desired temperature now in force and the schedule's next switch, and tells the
   * zone's controller what changed (unless {@code source} is null: not yet announced, done at
   * start), the desired temperature first; then waits for that switch.
   */
  private void applySetpoint(ZoneInput input, String source) {
    ZoneSetpoint.Change change = input.poll(clock.now());
    if (source != null && change.desiredChanged()) {
      publishDesired(input, source);
    }
    if (source != null && change.nextChanged()) {
      sendUpcoming(input);
    }
    switches.follow(input.zone, change.next());
  }

  private static String notSaved(ZoneInput input) {
    return "zone '" + input.zone + "': the new setting could not be saved, so it was not changed; try again later";
  }

  /**
   * Only the shards that host the zone are told ({@link ControlRecipients}); one started later, or
   * a zone added later, asks for them itself.
   */
  private void sendControl(ZoneInput input) {
    ControlChanged changed = new ControlChanged(input.zone, input.control(defaultControl));
    ControlRecipients.of(input.source).forEach(concern -> vertx.eventBus().send(events.addressOf(concern, input.zone), changed));
  }

  private void sendUpcoming(ZoneInput input) {
    vertx.eventBus().send(events.addressOf(Concern.DISPLAY, input.zone), new UpcomingSetpoint(input.zone, input.next()));
  }

  private void publishDesired(ZoneInput input, String source) {
    events.publish(new DesiredChanged(input.zone, input.desiredCenti(), source, Instant.now()));
  }
}
