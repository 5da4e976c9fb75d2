package io.thermobus.input;

import io.thermobus.event.Addresses;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.InputReceived;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.sim.Centi;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.settings.ZoneSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input of one zone: the single writer of its desired temperature. Takes exact values (REST,
 * WebSocket) and key presses (terminal, browser); every key is published at once so the display
 * renders it without waiting for the next temperature change. The desired temperature is restored
 * from the zone's settings file at start and saved on every change before the change is confirmed.
 */
public final class InputVerticle extends VerticleBase {

  /** Failure code of a refused request, mapped to HTTP 400 by the web layer. */
  public static final int REFUSED = 400;

  private static final Logger LOG = LoggerFactory.getLogger(InputVerticle.class);

  private final String zone;
  private final DesiredRange range;
  private final KeyInput keys;
  private final SettingsFile settings;
  // Owned by this verticle's event loop.
  private int desiredCenti;
  private Future<?> lastSave = Future.succeededFuture();

  public InputVerticle(String zone, DesiredRange range, int stepCenti, int initialDesiredCenti, SettingsFile settings) {
    this.zone = zone;
    this.range = range;
    this.keys = new KeyInput(range, stepCenti);
    this.desiredCenti = initialDesiredCenti;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(this::storedDesired)
        .compose(stored -> {
          stored.ifPresent(centi -> desiredCenti = centi);
          return Future.all(
                  vertx.eventBus().consumer(Addresses.setDesired(zone), this::setDesired).completion(),
                  vertx.eventBus().consumer(Addresses.keys(zone), this::keyPressed).completion(),
                  vertx.eventBus().consumer(Addresses.desired(zone), message -> message.reply(desiredCenti)).completion())
              .onSuccess(ready -> publishDesired(stored.isPresent() ? "restored" : "start"));
        });
  }

  /** Undeploying waits for the last save, so a clean shutdown never loses a confirmed change. */
  @Override
  public Future<?> stop() {
    return lastSave.otherwiseEmpty();
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
    Future<?> saved = change(requested);
    publishDesired(request.source());
    saved.onComplete(done -> message.reply(requested));
  }

  private void keyPressed(Message<KeyPressed> message) {
    KeyPressed key = message.body();
    if (!KeyInput.isKnown(key.key())) {
      message.fail(REFUSED, KeyInput.UNSUPPORTED);
      return;
    }
    KeyInput.Outcome outcome = keys.press(key.key(), desiredCenti);
    InputReceived received = new InputReceived(zone, key.key(), keys.trace(), keys.pending(), Instant.now());
    vertx.eventBus().publish(received.topic().address(), received);
    Future<?> saved = Future.succeededFuture();
    if (outcome.desiredCenti().isPresent() && outcome.desiredCenti().getAsInt() != desiredCenti) {
      saved = change(outcome.desiredCenti().getAsInt());
      publishDesired(key.source());
    }
    int answer = desiredCenti;
    saved.onComplete(done -> {
      if (outcome.error() != null) {
        message.fail(REFUSED, outcome.error());
      } else {
        message.reply(answer);
      }
    });
  }

  /** Applies a new desired temperature and saves it; the future completes once it is on disk (or failed to get there). */
  private Future<?> change(int centi) {
    if (centi == desiredCenti) {
      return lastSave;
    }
    desiredCenti = centi;
    ZoneSettings snapshot = ZoneSettings.ofDesiredCenti(centi);
    lastSave = vertx.executeBlocking(() -> {
      settings.write(snapshot);
      return null;
    }).onFailure(failure -> LOG.error("Zone {}: could not save settings to {}: {}", zone, settings.path(), failure.getMessage()));
    return lastSave;
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
