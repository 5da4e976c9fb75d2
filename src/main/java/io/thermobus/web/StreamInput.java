package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.event.Concern;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.input.KeyInput;
import io.thermobus.sim.Centi;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Input one WebSocket client sends: {@code {"type":"key","zone","key","token"}} (a key as a
 * browser names it, shown in the input trace) and {@code {"type":"desired","zone","celsius","token"}}.
 * Each gets an {@code applied} frame with the new desired temperature or an {@code error} frame
 * with an HTTP-like status; a bad frame changes nothing and the connection stays open.
 * Owned by the connection's event loop.
 */
final class StreamInput {

  /** Inputs awaiting the zone's answer before further ones are refused (429). */
  static final int MAX_IN_FLIGHT = 8;
  private static final String SOURCE = "browser";

  private final ZoneCalls zones;
  private final BearerAuth auth;
  private final LongSupplier writeWaitSeconds;
  private final Consumer<JsonObject> reply;
  private int inFlight;

  /**
   * @param writeWaitSeconds counts one well-formed input against the client's write rate and
   *                         answers 0 when it may go ahead, else the seconds to wait (the limit
   *                         REST writes have)
   */
  StreamInput(ZoneCalls zones, BearerAuth auth, LongSupplier writeWaitSeconds, Consumer<JsonObject> reply) {
    this.zones = zones;
    this.auth = auth;
    this.writeWaitSeconds = writeWaitSeconds;
    this.reply = reply;
  }

  void receive(String text) {
    JsonObject frame = object(text);
    Object ref = frame != null && (frame.getValue("ref") instanceof String || frame.getValue("ref") instanceof Number)
        ? frame.getValue("ref") : null;
    try {
      if (frame == null) {
        throw Refusal.badRequest("input frames are JSON objects like {\"type\":\"key\",\"zone\":\"home\",\"key\":\"ArrowUp\",\"token\":\"...\"}");
      }
      accept(ref, frame);
    } catch (Refusal refusal) {
      error(ref, refusal);
    }
  }

  void receiveBinary() {
    error(null, Refusal.badRequest("send input as JSON text frames"));
  }

  private void accept(Object ref, JsonObject frame) {
    String type = frame.getValue("type") instanceof String s ? s : null;
    String zone = frame.getValue("zone") instanceof String s && ZoneName.isValid(s) ? s : null;
    if (!"key".equals(type) && !"desired".equals(type)) {
      throw Refusal.badRequest("'type' must be \"key\" or \"desired\"");
    } else if (zone == null) {
      throw Refusal.badRequest("'zone' must be a zone name like \"home\"");
    } else if (!(frame.getValue("token") instanceof String token && auth.acceptsToken(token))) {
      throw Refusal.of(401, "input needs the service's token in \"token\"");
    } else if (inFlight >= MAX_IN_FLIGHT) {
      throw Refusal.of(429, "too many inputs are waiting for an answer; wait for them first");
    } else if (type.equals("key")) {
      key(ref, zone, frame.getValue("key"));
    } else {
      desired(ref, zone, frame.getValue("celsius"));
    }
  }

  private void key(Object ref, String zone, Object key) {
    if (!(key instanceof String name && KeyInput.isKnown(name))) {
      throw Refusal.badRequest(KeyInput.UNSUPPORTED);
    }
    apply(ref, zone, new KeyPressed(zone, name, SOURCE));
  }

  private void desired(Object ref, String zone, Object celsius) {
    BigDecimal decimal = celsius instanceof Number number ? JsonBodies.finiteDecimal(number) : null;
    if (decimal == null) {
      throw Refusal.badRequest("'celsius' must be a finite number, got " + (celsius == null ? "nothing" : JsonBodies.describe(celsius)));
    }
    apply(ref, zone, new SetDesired(zone, decimal, SOURCE));
  }

  private void apply(Object ref, String zone, Object input) {
    long wait = writeWaitSeconds.getAsLong();
    if (wait > 0) {
      throw Refusal.of(429, "too many writes from this client; retry after " + wait + " s");
    }
    inFlight++;
    zones.<Integer>request(Concern.INPUT, zone, input).onComplete(answer -> {
      inFlight--;
      if (answer.succeeded()) {
        reply.accept(frame("applied", ref).put("zone", zone).put("desired", Centi.toCelsius(answer.result())));
      } else {
        error(ref, Refusal.of(answer.cause(), () -> ZoneCalls.unknown(zone)));
      }
    });
  }

  private void error(Object ref, Refusal refusal) {
    reply.accept(frame("error", ref).put("status", refusal.status()).put("detail", refusal.detail()));
  }

  /** A reply frame, echoing the client's {@code ref} when it sent one. */
  private static JsonObject frame(String type, Object ref) {
    JsonObject frame = new JsonObject().put("type", type);
    return ref == null ? frame : frame.put("ref", ref);
  }

  private static JsonObject object(String text) {
    try {
      return Json.decodeValue(text) instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }
}
