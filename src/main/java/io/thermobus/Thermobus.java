package io.thermobus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.remote.BusService;
import io.thermobus.bus.remote.BusVerticle;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.event.EventCodec;
import io.thermobus.input.ConsoleVerticle;
import io.thermobus.input.InputVerticle;
import io.thermobus.ops.Deployments;
import io.thermobus.ops.Health;
import io.thermobus.ops.MetricsVerticle;
import io.thermobus.ops.StateChangeLog;
import io.thermobus.sim.HeatLossVerticle;
import io.thermobus.sim.HeaterVerticle;
import io.thermobus.sim.Physics;
import io.thermobus.sim.RoomVerticle;
import io.thermobus.thermostat.DisplayVerticle;
import io.thermobus.web.WebVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Composes the service: one set of zone verticles per hosted zone, then the console and the web. */
public final class Thermobus {

  /** A started service: where it listens, with which token, and what it deployed. */
  public record Running(ThermobusConfig config, int port, Deployments deployments) {

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

  /**
   * Deploys everything on {@code vertx}; fails if any verticle fails to start or the port cannot be
   * bound. {@code metrics} is the registry {@code vertx} reports into (see {@link io.thermobus.ops.Metrics}); the
   * service adds its own meters and serves it at {@code /metrics}.
   */
  public static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                      boolean readKeys, PrintStream console) {
    EventCodec.registerAll(vertx.eventBus());
    BusService busService = busService(config.bus());
    Deployments deployments = new Deployments(vertx);
    HealthChecks readiness = Health.readiness(vertx, config.zones(), deployments);
    WebVerticle web = new WebVerticle(config, Health.liveness(vertx), readiness, busService, metrics);
    // The bus listens first, so it records every zone's first events.
    return deployments.deploy("bus", new BusVerticle(busService, config.bus().sweepInterval(), config.zones().get(0)))
        .compose(bus -> deployments.deploy("metrics", new MetricsVerticle(metrics, busService.bus())))
        .compose(meters -> deployments.deploy("state-log", new StateChangeLog()))
        .compose(meters -> deployZones(deployments, config))
        .compose(done -> deployments.deploy("web", web))
        .map(id -> {
          Health.httpBound(readiness, deployments, "web", web.actualPort());
          return new Running(config, web.actualPort(), deployments);
        })
        .compose(running -> config.console()
            ? deployments.deploy("console", new ConsoleVerticle(config.zones().get(0), readKeys, console, running.banner()))
                .map(id -> running)
            : Future.succeededFuture(running));
  }

  private static BusService busService(ThermobusConfig.BusSettings settings) {
    SubscriberBus<JsonObject> bus = new SubscriberBus<>(
        new Retention(settings.retainEvents(), settings.retainAge()), InstantSource.system());
    return new BusService(bus, settings.lease(), settings.maxWait().toMillis());
  }

  private static Future<?> deployZones(Deployments deployments, ThermobusConfig config) {
    Future<?> chain = Future.succeededFuture();
    for (String zone : config.zones()) {
      chain = chain.compose(previous -> deployZone(deployments, config, zone));
    }
    return chain;
  }

  private static Future<?> deployZone(Deployments deployments, ThermobusConfig config, String zone) {
    double scale = config.timeScale();
    // The display and heater listen before the room and input announce their first values.
    List<Map.Entry<String, Supplier<Deployable>>> verticles = List.of(
        Map.entry("display", () -> new DisplayVerticle(zone, config.thermostat(), config.actuatorDelay(), scale)),
        Map.entry("heater", () -> new HeaterVerticle(zone, Physics.CHAPTER, scale)),
        Map.entry("room", () -> new RoomVerticle(zone, config.initialTemperatureCenti())),
        Map.entry("heat-loss", () -> new HeatLossVerticle(zone, Physics.CHAPTER, scale)),
        Map.entry("input", () -> new InputVerticle(zone, config.desiredRange(), config.desiredStepCenti(), config.initialDesiredCenti())));
    Future<?> chain = Future.succeededFuture();
    for (Map.Entry<String, Supplier<Deployable>> verticle : verticles) {
      chain = chain.compose(previous -> deployments.deploy(zone + "/" + verticle.getKey(), verticle.getValue().get()));
    }
    return chain;
  }
}
