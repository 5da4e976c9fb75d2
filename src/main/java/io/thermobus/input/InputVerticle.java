package io.thermobus.input;

import io.thermobus.Refusal;
import io.thermobus.event.Addresses;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.InputReceived;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.sim.Centi;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.settings.ZoneSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input of one zone: the single writer of its desired temperature. Takes exact values (REST,
 * WebSocket) and key presses (terminal, browser); every key is published as soon as it is its turn,
 * so the display renders it without waiting for the next temperature change. The desired
 * temperature is restored from the zone's settings file at start; a change is saved first and only
 * then applied, published and confirmed, and a change that cannot be saved is refused and changes
 * nothing. Requests are handled one at a time, in arrival order, each after the previous one's save.
 */
public final class InputVerticle extends VerticleBase {

  /** Failure code of a refused request, mapped to HTTP 400 by the web layer. */
  public static final int REFUSED = 400;
  /** Failure code of a change that could not be saved and so was not made, mapped to HTTP 503 by the web layer. */
  public static final int NOT_SAVED = 503;
  /**
   * While saving fails, how often the current settings are written again to learn that saving
   * works; the same as the Retry-After a refusal carries across the event bus.
   */
  public static final Duration SAVE_RETRY = Duration.ofSeconds(Refusal.DEFAULT_RETRY_SECONDS);
  /** Requests waiting for their turn (behind a slow save) before further ones are refused as not saved. */
  static final int MAX_WAITING = 64;

  private static final Logger LOG = LoggerFactory.getLogger(InputVerticle.class);

  private final String zone;
  private final DesiredRange range;
  private final KeyInput keys;
  private final SettingsFile settings;
  private final SettingsHealth health;
  // Owned by this verticle's event loop.
  private int desiredCenti;
  private Future<?> lastTurn = Future.succeededFuture();
  private int waiting;
  private long retryTimer = -1;

  public InputVerticle(String zone, DesiredRange range, int stepCenti, int initialDesiredCenti, SettingsFile settings,
                       SettingsHealth health) {
    this.zone = zone;
    this.range = range;
    this.keys = new KeyInput(range, stepCenti);
    this.desiredCenti = initialDesiredCenti;
    this.settings = settings;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::storedDesired)
        .compose(stored -> {
          stored.ifPresent(centi -> desiredCenti = centi);
          if (health.isFailing(zone)) {
            // A predecessor of this verticle could not save: keep finding out when saving works again.
            retryUntilSaved();
          }
          return Future.all(
                  vertx.eventBus().consumer(Addresses.setDesired(zone), this::setDesired).completion(),
                  vertx.eventBus().consumer(Addresses.keys(zone), this::keyPressed).completion(),
                  vertx.eventBus().consumer(Addresses.desired(zone), message -> message.reply(desiredCenti)).completion())
              .onSuccess(ready -> publishDesired(stored.isPresent() ? "restored" : "start"));
        });
  }

  /** Undeploying waits for the requests already accepted, so a clean shutdown never loses a confirmed change. */
  @Override
  public Future<?> stop() {
    return lastTurn.otherwiseEmpty();
  }

  private void setDesired(Message<SetDesired> message) {
    SetDesired request = message.body();
    int requested;
    try {
      requested = range.require(request.celsius());
    } catch (IllegalArgumentException e) {
      message.fail(REFUSED, e.getMessage());
      return;
    }
    inTurn(message, () -> change(requested, request.source())
        .onSuccess(changed -> message.reply(requested))
        .onFailure(failure -> message.fail(NOT_SAVED, failure.getMessage())));
  }

  private void keyPressed(Message<KeyPressed> message) {
    KeyPressed key = message.body();
    if (!KeyInput.isKnown(key.key())) {
      message.fail(REFUSED, KeyInput.UNSUPPORTED);
      return;
    }
    inTurn(message, () -> {
      KeyInput.Outcome outcome = keys.press(key.key(), desiredCenti);
      InputReceived received = new InputReceived(zone, key.key(), keys.trace(), keys.pending(), Instant.now());
      vertx.eventBus().publish(received.topic().address(), received);
      Future<Void> changed = outcome.desiredCenti().isPresent()
          ? change(outcome.desiredCenti().getAsInt(), key.source())
          : Future.succeededFuture();
      return changed.onComplete(done -> {
        if (done.failed()) {
          message.fail(NOT_SAVED, done.cause().getMessage());
        } else if (outcome.error() != null) {
          message.fail(REFUSED, outcome.error());
        } else {
          message.reply(desiredCenti);
        }
      });
    });
  }

  /**
   * Runs {@code step} once every earlier request has finished, so each one starts from the saved
   * state of the last; refuses the request when too many already wait (a save that hangs).
   */
  private void inTurn(Message<?> request, Supplier<Future<?>> step) {
    if (waiting >= MAX_WAITING) {
      request.fail(NOT_SAVED, "zone '" + zone + "': too many changes are waiting to be saved; try again later");
      return;
    }
    waiting++;
    afterLastTurn(() -> {
      waiting--;
      return step.get();
    });
  }

  private void afterLastTurn(Supplier<Future<?>> step) {
    lastTurn = lastTurn.transform(previous -> step.get());
  }

  /** Saves a new desired temperature, then applies and publishes it; fails, changing nothing, when it cannot be saved. */
  private Future<Void> change(int centi, String source) {
    if (centi == desiredCenti) {
      return Future.succeededFuture();
    }
    return save(centi)
        .onSuccess(saved -> {
          desiredCenti = centi;
          publishDesired(source);
        })
        .recover(failure -> Future.failedFuture(
            "zone '" + zone + "': the new setting could not be saved, so it was not changed; try again later"));
  }

  /** Writes the settings on a worker thread and keeps {@link SettingsHealth} and the retry timer up to date. */
  private Future<Void> save(int centi) {
    ZoneSettings snapshot = ZoneSettings.ofDesiredCenti(centi);
    return vertx.<Void>executeBlocking(() -> {
          settings.write(snapshot);
          return null;
        })
        .onSuccess(saved -> {
          if (health.isFailing(zone)) {
            LOG.info("Zone {}: settings can be saved to {} again", zone, settings.path());
            health.saved(zone);
          }
          if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
          }
        })
        .onFailure(failure -> {
          String reason = failure instanceof IOException io ? SettingsFile.reason(io) : String.valueOf(failure.getMessage());
          if (!health.isFailing(zone)) {
            LOG.error("Zone {}: cannot save settings to {}: {}; refusing changes until saving works again", zone, settings.path(), reason);
          }
          health.failed(zone, reason);
          retryUntilSaved();
        });
  }

  /** While saving fails, writes the current (saved) settings again after {@link #SAVE_RETRY}, until one write succeeds. */
  private void retryUntilSaved() {
    if (retryTimer < 0) {
      retryTimer = vertx.setTimer(SAVE_RETRY.toMillis(), id -> {
        retryTimer = -1;
        afterLastTurn(() -> save(desiredCenti));
      });
    }
  }

  /** Runs on a worker thread; an unusable file is reported, set aside, and the configured default is kept. */
  private Optional<Integer> storedDesired() {
    Optional<ZoneSettings> stored;
    try {
      stored = settings.read();
    } catch (SettingsUnreadableException e) {
      LOG.error("Zone {}: {}; starting from the configured defaults{}", zone, e.getMessage(), setAside());
      return Optional.empty();
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    int centi;
    try {
      centi = range.require(stored.get().desired());
    } catch (IllegalArgumentException e) {
      LOG.error("Zone {}: settings file {} holds desired {} °C, outside {}–{} °C; starting from the configured defaults{}",
          zone, settings.path(), stored.get().desired().toPlainString(), Centi.format(range.minCenti()), Centi.format(range.maxCenti()), setAside());
      return Optional.empty();
    }
    LOG.info("Zone {}: restored desired {} °C from {}", zone, Centi.format(centi), settings.path());
    return Optional.of(centi);
  }

  private String setAside() {
    try {
      return " (the file was kept as " + settings.quarantine() + ")";
    } catch (IOException e) {
      return " (the file could not be moved aside: " + e.getMessage() + ")";
    }
  }

  private void publishDesired(String source) {
    DesiredChanged event = new DesiredChanged(zone, desiredCenti, source, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }
}
