package io.thermobus.web;

import io.thermobus.event.Concern;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneName;
import io.thermobus.input.InputVerticle;
import io.thermobus.input.KeyInput;
import io.thermobus.sim.Centi;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
  private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(5_000);
  private static final String SOURCE = "browser";

  private final Vertx vertx;
  private final ZoneDirectory directory;
  private final BearerAuth auth;
  private final LongSupplier writeWaitSeconds;
  private final Consumer<JsonObject> reply;
  private int inFlight;

  /**
   * @param writeWaitSeconds counts one well-formed input against the client's write rate and
   *                         answers 0 when it may go ahead, else the seconds to wait (the limit
   *                         REST writes have)
   */
  StreamInput(Vertx vertx, ZoneDirectory directory, BearerAuth auth, LongSupplier writeWaitSeconds, Consumer<JsonObject> reply) {
    this.vertx = vertx;
    this.directory = directory;
    this.auth = auth;
    this.writeWaitSeconds = writeWaitSeconds;
    this.reply = reply;
  }

  void receive(String text) {
    JsonObject frame = object(text);
    if (frame == null) {
      error(null, 400, "input frames are JSON objects like {\"type\":\"key\",\"zone\":\"home\",\"key\":\"ArrowUp\",\"token\":\"...\"}");
      return;
    }
    Object ref = frame.getValue("ref") instanceof String || frame.getValue("ref") instanceof Number ? frame.getValue("ref") : null;
    String type = frame.getValue("type") instanceof String s ? s : null;
    String zone = frame.getValue("zone") instanceof String s && ZoneName.isValid(s) ? s : null;
    if (!"key".equals(type) && !"desired".equals(type)) {
      error(ref, 400, "'type' must be \"key\" or \"desired\"");
    } else if (zone == null) {
      error(ref, 400, "'zone' must be a zone name like \"home\"");
    } else if (!(frame.getValue("token") instanceof String token && auth.acceptsToken(token))) {
      error(ref, 401, "input needs the service's token in \"token\"");
    } else if (inFlight >= MAX_IN_FLIGHT) {
      error(ref, 429, "too many inputs are waiting for an answer; wait for them first");
    } else if (type.equals("key")) {
      key(ref, zone, frame.getValue("key"));
    } else {
      desired(ref, zone, frame.getValue("celsius"));
    }
  }

  void receiveBinary() {
    error(null, 400, "send input as JSON text frames");
  }

  private void key(Object ref, String zone, Object key) {
    if (!(key instanceof String name && KeyInput.isKnown(name))) {
      error(ref, 400, KeyInput.UNSUPPORTED);
      return;
    }
    apply(ref, zone, () -> vertx.eventBus().request(Concern.INPUT.address(directory.shardOf(zone)), new KeyPressed(zone, name, SOURCE), REQUEST));
  }

  private void desired(Object ref, String zone, Object celsius) {
    BigDecimal decimal = celsius instanceof Number number ? JsonBodies.finiteDecimal(number) : null;
    if (decimal == null) {
      error(ref, 400, "'celsius' must be a finite number, got " + (celsius == null ? "nothing" : JsonBodies.describe(celsius)));
      return;
    }
    apply(ref, zone, () -> vertx.eventBus().request(Concern.INPUT.address(directory.shardOf(zone)), new SetDesired(zone, decimal, SOURCE), REQUEST));
  }

  private void apply(Object ref, String zone, Supplier<Future<Message<Object>>> request) {
    if (!directory.hosts(zone)) {
      error(ref, 404, "no zone named '" + zone + "'");
      return;
    }
    long wait = writeWaitSeconds.getAsLong();
    if (wait > 0) {
      error(ref, 429, "too many writes from this client; retry after " + wait + " s");
      return;
    }
    inFlight++;
    request.get().onComplete(answer -> {
      inFlight--;
      if (answer.succeeded()) {
        reply.accept(frame("applied", ref).put("zone", zone).put("desired", Centi.toCelsius((Integer) answer.result().body())));
      } else if (answer.cause() instanceof ReplyException failure && failure.failureCode() == ShardVerticle.UNKNOWN_ZONE) {
        error(ref, 404, "no zone named '" + zone + "'");
      } else if (answer.cause() instanceof ReplyException failure && failure.failureCode() == InputVerticle.REFUSED) {
        error(ref, 400, failure.getMessage());
      } else {
        error(ref, 503, "the zone did not answer in time; try again");
      }
    });
  }

  private void error(Object ref, int status, String detail) {
    reply.accept(frame("error", ref).put("status", status).put("detail", detail));
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
