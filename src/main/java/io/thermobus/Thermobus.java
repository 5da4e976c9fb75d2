package io.thermobus;

import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.remote.BusService;
import io.thermobus.bus.remote.BusVerticle;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.event.Addresses;
import io.thermobus.event.EventCodec;
import io.thermobus.event.ZoneState;
import io.thermobus.history.HistoryVerticle;
import io.thermobus.input.ConsoleVerticle;
import io.thermobus.input.InputVerticle;
import io.thermobus.sim.HeatLossVerticle;
import io.thermobus.sim.HeaterVerticle;
import io.thermobus.sim.Physics;
import io.thermobus.sim.RoomVerticle;
import io.thermobus.thermostat.DisplayVerticle;
import io.thermobus.web.WebVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/** Composes the service: one set of zone verticles per hosted zone, then the console and the web. */
public final class Thermobus {

  /** A started service: where it listens and with which token. */
  public record Running(ThermobusConfig config, int port) {

    public String baseUrl() {
      String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
      return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public String dashboardUrl() {
      return baseUrl() + "/#token=" + config.token();
    }

    /** The two lines printed at start. */
    public String banner() {
      return "Thermobus dashboard: " + dashboardUrl() + "\nThermobus token: " + config.token();
    }
  }

  private Thermobus() {}

  /** Deploys everything on {@code vertx}; fails if any verticle fails to start or the port cannot be bound. */
  public static Future<Running> start(Vertx vertx, ThermobusConfig config, boolean readKeys, PrintStream console) {
    EventCodec.registerAll(vertx.eventBus());
    BusService busService = busService(config.bus());
    WebVerticle web = new WebVerticle(config, liveness(vertx), readiness(vertx, config.zones()), busService);
    // The bus listens first, so it records every zone's first events.
    return vertx.deployVerticle(new BusVerticle(busService, config.bus().sweepInterval(), config.zones().get(0)))
        .compose(bus -> deployZones(vertx, config))
        .compose(done -> vertx.deployVerticle(web))
        .map(id -> new Running(config, web.actualPort()))
        .compose(running -> config.console()
            ? vertx.deployVerticle(new ConsoleVerticle(config.zones().get(0), readKeys, console, running.banner()))
                .map(id -> running)
            : Future.succeededFuture(running));
  }

  private static BusService busService(ThermobusConfig.BusSettings settings) {
    SubscriberBus<JsonObject> bus = new SubscriberBus<>(
        new Retention(settings.retainEvents(), settings.retainAge()), InstantSource.system());
    return new BusService(bus, settings.lease(), settings.maxWait().toMillis());
  }

  private static Future<?> deployZones(Vertx vertx, ThermobusConfig config) {
    Future<?> chain = Future.succeededFuture();
    for (String zone : config.zones()) {
      chain = chain.compose(previous -> deployZone(vertx, config, zone));
    }
    return chain;
  }

  private static Future<?> deployZone(Vertx vertx, ThermobusConfig config, String zone) {
    double scale = config.timeScale();
    // The history, display and heater listen before the room and input announce their first values.
    List<Supplier<Deployable>> verticles = List.of(
        () -> new HistoryVerticle(zone),
        () -> new DisplayVerticle(zone, config.thermostat(), config.actuatorDelay(), scale),
        () -> new HeaterVerticle(zone, Physics.CHAPTER, scale),
        () -> new RoomVerticle(zone, config.initialTemperatureCenti()),
        () -> new HeatLossVerticle(zone, Physics.CHAPTER, scale),
        () -> new InputVerticle(zone, config.desiredRange(), config.desiredStepCenti(), config.initialDesiredCenti()));
    Future<?> chain = Future.succeededFuture();
    for (Supplier<Deployable> verticle : verticles) {
      chain = chain.compose(previous -> vertx.deployVerticle(verticle.get()));
    }
    return chain;
  }

  private static HealthChecks liveness(Vertx vertx) {
    return HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
  }

  private static HealthChecks readiness(Vertx vertx, List<String> zones) {
    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(2_000);
    return HealthChecks.create(vertx).register("zones", 3_000, promise -> {
      List<Future<ZoneState>> states = zones.stream()
          .map(zone -> vertx.eventBus().<ZoneState>request(Addresses.zoneState(zone), null, quick).map(r -> r.body()))
          .toList();
      Future.join(states).onComplete(done -> {
        JsonObject detail = new JsonObject();
        boolean allKnown = true;
        for (int i = 0; i < zones.size(); i++) {
          Future<ZoneState> state = states.get(i);
          boolean known = state.succeeded() && state.result().known();
          detail.put(zones.get(i), known ? "up" : state.failed() ? "not answering" : "no readings yet");
          allKnown &= known;
        }
        promise.complete(allKnown ? Status.OK(detail) : Status.KO(detail));
      });
    });
  }
}
