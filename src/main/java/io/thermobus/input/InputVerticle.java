package io.thermobus.input;

import io.thermobus.event.Addresses;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.InputReceived;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Instant;

/**
 * The input of one zone: the single writer of its desired temperature. Takes exact values (REST,
 * WebSocket) and key presses (terminal, browser); every key is published at once so the display
 * renders it without waiting for the next temperature change.
 */
public final class InputVerticle extends VerticleBase {

  /** Failure code of a refused request, mapped to HTTP 400 by the web layer. */
  public static final int REFUSED = 400;

  private final String zone;
  private final DesiredRange range;
  private final KeyInput keys;
  private int desiredCenti; // owned by this verticle's event loop

  public InputVerticle(String zone, DesiredRange range, int stepCenti, int initialDesiredCenti) {
    this.zone = zone;
    this.range = range;
    this.keys = new KeyInput(range, stepCenti);
    this.desiredCenti = initialDesiredCenti;
  }

  @Override
  public Future<?> start() {
    return Future.all(
            vertx.eventBus().consumer(Addresses.setDesired(zone), this::setDesired).completion(),
            vertx.eventBus().consumer(Addresses.keys(zone), this::keyPressed).completion())
        .onSuccess(ready -> publishDesired("start"));
  }

  private void setDesired(Message<SetDesired> message) {
    SetDesired request = message.body();
    try {
      desiredCenti = range.require(request.celsius());
    } catch (IllegalArgumentException e) {
      message.fail(REFUSED, e.getMessage());
      return;
    }
    publishDesired(request.source());
    message.reply(desiredCenti);
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
    outcome.desiredCenti().ifPresent(centi -> {
      if (centi != desiredCenti) {
        desiredCenti = centi;
        publishDesired(key.source());
      }
    });
    if (outcome.error() != null) {
      message.fail(REFUSED, outcome.error());
    } else {
      message.reply(desiredCenti);
    }
  }

  private void publishDesired(String source) {
    DesiredChanged event = new DesiredChanged(zone, desiredCenti, source, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }
}
