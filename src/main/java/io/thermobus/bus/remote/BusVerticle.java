package io.thermobus.bus.remote;

import io.thermobus.Json;
import io.thermobus.Refusal;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber-queue bus as a service: taps every domain event published on the Vert.x event
 * bus into the retained log, runs the tombstone sweep (which also expires leases), and serves
 * the bus's request/reply addresses to the node's other verticles. The taps listen cluster-wide, so
 * every node records every zone's events; the request/reply addresses are local, for a subscription
 * is only in the bus of the node that made it.
 */
public final class BusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(BusVerticle.class);

  private final BusService service;
  private final Duration sweepInterval;
  private final String defaultZone;

  public BusVerticle(BusService service, Duration sweepInterval, String defaultZone) {
    this.service = service;
    this.sweepInterval = sweepInterval;
    this.defaultZone = defaultZone;
  }

  @Override
  public Future<?> start() {
    List<Future<?>> ready = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      ready.add(vertx.eventBus().<ZoneEvent>consumer(topic.address(), this::tap).completion());
    }
    ready.add(serve(BusAddresses.SUBSCRIBE, request -> Future.succeededFuture(service.subscribe(request))));
    ready.add(serve(BusAddresses.DRAIN, request -> service.drain(
        whole(request, "id", -1), caller(request), whole(request, "max", BusService.DEFAULT_BATCH), whole(request, "waitMs", 0), context)));
    ready.add(serve(BusAddresses.UNSUBSCRIBE, request -> Future.succeededFuture(service.unsubscribe(whole(request, "id", -1), caller(request)))));
    ready.add(serve(BusAddresses.PUBLISH, request -> Future.succeededFuture(service.publish(request, defaultZone))));
    ready.add(serve(BusAddresses.INTROSPECT, request -> Future.succeededFuture(
        service.introspect(whole(request, "after", -1), whole(request, "limit", BusService.DEFAULT_PAGE)))));
    vertx.setPeriodic(sweepInterval.toMillis(), id -> service.bus().sweep());
    return Future.all(ready);
  }

  private void tap(Message<ZoneEvent> message) {
    ZoneEvent event = message.body();
    JsonObject data = Json.object(event);
    data.remove("zone");
    data.remove("at");
    service.bus().publish(event.topic().wireName(), event.zone(), data);
  }

  /** Answers each request with the operation's result; a refusal fails the reply with its status, anything else with 500. */
  private Future<Void> serve(String address, Function<JsonObject, Future<JsonObject>> operation) {
    return vertx.eventBus().<JsonObject>localConsumer(address, message -> {
      JsonObject request = message.body() == null ? new JsonObject() : message.body();
      Future<JsonObject> answer;
      try {
        answer = operation.apply(request);
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answer.onComplete(done -> {
        if (done.succeeded()) {
          message.reply(done.result());
        } else if (done.cause() instanceof Refusal refused) {
          refused.failReply(message);
        } else {
          LOG.error("The bus failed a request on {}", address, done.cause());
          message.fail(500, "the bus failed to handle the request");
        }
      });
    }).completion();
  }

  /** Over the event bus a caller proves a subscription is its own with the secret in {@code "secret"}. */
  private static BusCaller caller(JsonObject request) {
    Object secret = request.getValue("secret");
    if (secret == null || secret instanceof String) {
      return BusCaller.showing((String) secret);
    }
    throw Refusal.badRequest("'secret' must be a string");
  }

  /** A whole-number field of a request, or {@code fallback} when it is absent. */
  private static long whole(JsonObject request, String field, long fallback) {
    Object value = request.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw Refusal.badRequest("'" + field + "' must be a whole number");
  }
}
