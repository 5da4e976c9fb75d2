package io.thermobus.bus.remote;

import io.thermobus.Json;
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

/**
 * The subscriber-queue bus as a service: taps every domain event published on the Vert.x event
 * bus into the retained log, runs the tombstone sweep (which also expires leases), and serves
 * the bus's request/reply addresses to other verticles and cluster nodes.
 */
public final class BusVerticle extends VerticleBase {

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
    ready.add(serve(BusAddresses.SUBSCRIBE, request -> BusService.attempt(() -> service.subscribe(request))));
    ready.add(serve(BusAddresses.DRAIN, request -> service.drain(
        request.getLong("id", -1L), request.getInteger("max", BusService.DEFAULT_BATCH),
        request.getLong("waitMs", 0L), context)));
    ready.add(serve(BusAddresses.UNSUBSCRIBE, request -> BusService.attempt(() -> service.unsubscribe(request.getLong("id", -1L)))));
    ready.add(serve(BusAddresses.PUBLISH, request -> BusService.attempt(() -> service.publish(request, defaultZone))));
    ready.add(serve(BusAddresses.INTROSPECT, request -> Future.succeededFuture(service.introspect())));
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

  private Future<Void> serve(String address, Function<JsonObject, Future<JsonObject>> operation) {
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      JsonObject request = message.body() == null ? new JsonObject() : message.body();
      Future<JsonObject> answer;
      try {
        answer = operation.apply(request);
      } catch (ClassCastException e) {
        answer = Future.failedFuture(new BusException(400, "malformed request: a field has the wrong type"));
      }
      answer.onComplete(done -> {
        if (done.succeeded()) {
          message.reply(done.result());
        } else if (done.cause() instanceof BusException refused) {
          message.fail(refused.status(), refused.getMessage());
        } else {
          message.fail(500, "the bus failed to handle the request");
        }
      });
    }).completion();
  }
}
