package io.thermobus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.remote.BusService;
import io.thermobus.bus.remote.BusVerticle;
import io.thermobus.cluster.ClusterNode;
import io.thermobus.cluster.LocalNode;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.event.EventCodec;
import io.thermobus.history.HistoryVerticle;
import io.thermobus.input.ConsoleVerticle;
import io.thermobus.input.InputVerticle;
import io.thermobus.mqtt.BrokerHealth;
import io.thermobus.mqtt.MqttAddresses;
import io.thermobus.mqtt.MqttBrokerVerticle;
import io.thermobus.ops.Deployments;
import io.thermobus.ops.Health;
import io.thermobus.ops.MetricsVerticle;
import io.thermobus.ops.StateChangeLog;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.sim.HeatLossVerticle;
import io.thermobus.stream.StreamStats;
import io.thermobus.sim.HeaterVerticle;
import io.thermobus.sim.Physics;
import io.thermobus.sim.RoomVerticle;
import io.thermobus.supervision.Supervisor;
import io.thermobus.thermostat.DisplayVerticle;
import io.thermobus.web.WebVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Composes the service: one set of zone verticles per hosted zone, then the console and the web. */
public final class Thermobus {

  /**
   * A started service: where it listens and with which token, the supervisor of its zone
   * verticles, and the other verticles it deployed, by name.
   */
  public record Running(ThermobusConfig config, int port, Supervisor supervisor, Deployments deployments) {

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

    public String webDeployment() {
      return deployments.id("web");
    }
  }

  private Thermobus() {}

  /**
   * Deploys everything on {@code vertx}; fails if the bus, console or web verticle fails to start or
   * the port cannot be bound. {@code metrics} is the registry {@code vertx} reports into (see
   * {@link io.thermobus.ops.Metrics}); the service adds its own meters and serves it at {@code /metrics}.
   */
  public static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                      boolean readKeys, PrintStream console) {
    return start(vertx, metrics, config, new LocalNode(config.cluster().nodeId(), config.zones()), readKeys, console);
  }

  /** Starts the service as {@code cluster}'s node: a {@link io.thermobus.cluster.HazelcastNode} on a clustered Vert.x. */
  public static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                      ClusterNode cluster, boolean readKeys, PrintStream console) {
    EventCodec.registerAll(vertx.eventBus());
    MqttAddresses.registerCodecs(vertx.eventBus());
    BusService busService = busService(config.bus());
    SettingsHealth settings = new SettingsHealth();
    Map<String, Supplier<Deployable>> zoneVerticles = new LinkedHashMap<>();
    for (String zone : config.zones()) {
      zoneVerticles.putAll(zoneVerticles(config, zone, settings));
    }
    Supervisor supervisor = new Supervisor(zoneVerticles, config.restartBackoff());
    Deployments deployments = new Deployments(vertx);
    HealthChecks readiness = Health.readiness(vertx, config.zones(),
        () -> verticleStatus(deployments, zoneVerticles.keySet(), supervisor), settings);
    StreamStats streams = new StreamStats();
    readiness.register("cluster", promise -> cluster.membership().onComplete(promise));
    WebVerticle.Instances web = new WebVerticle.Instances(config, Health.liveness(vertx), readiness, busService, streams, metrics, cluster);
    // The bus listens first, so it records every zone's first events.
    return deployments.deploy("bus", new BusVerticle(busService, config.bus().sweepInterval(), config.zones().get(0)))
        .compose(bus -> deployments.deploy("metrics", new MetricsVerticle(metrics, busService.bus(), streams)))
        .compose(meters -> deployments.deploy("state-log", new StateChangeLog()))
        .compose(log -> deployBroker(config, deployments, readiness, metrics))
        // The cluster node listens before the zones start, so it writes their first setpoints through.
        .compose(mqtt -> deployments.deploy("cluster", cluster))
        .compose(joined -> deployments.deploy("supervisor", supervisor))
        .compose(zones -> deployments.deploy("web", web, web.count()))
        .map(id -> {
          Health.httpBound(readiness, deployments, "web", web.actualPort());
          return new Running(config, web.actualPort(), supervisor, deployments);
        })
        .compose(running -> cluster.announce(running.baseUrl()).map(running))
        .compose(running -> config.console()
            ? deployments.deploy("console", new ConsoleVerticle(config.zones().get(0), readKeys, console, running.banner()))
                .map(id -> running)
            : Future.succeededFuture(running));
  }

  /**
   * Stops a started service in order: the supervisor stops redeploying, the web server stops
   * (no new requests, open connections closed), then everything else, each verticle finishing
   * what it owes (the input its last save). Blocks: call it from a thread that is not Vert.x's.
   */
  public static void stop(Vertx vertx, Running running, Duration budget) throws Exception {
    long deadline = System.nanoTime() + budget.toNanos();
    running.supervisor().stopRestarting();
    try {
      vertx.undeploy(running.webDeployment()).await(budget.toMillis() / 2, TimeUnit.MILLISECONDS);
    } finally {
      vertx.close().await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
    }
  }

  /** The broker connection when a broker is configured, before the zones, so that a zone on MQTT finds it. */
  private static Future<?> deployBroker(ThermobusConfig config, Deployments deployments, HealthChecks readiness,
                                        PrometheusMeterRegistry metrics) {
    if (config.mqtt().isEmpty()) {
      return Future.succeededFuture();
    }
    MqttBrokerVerticle connection = new MqttBrokerVerticle(config.mqtt().get());
    BrokerHealth.register(readiness, connection);
    BrokerHealth.meters(metrics, connection);
    return deployments.deploy("mqtt", connection);
  }

  private static BusService busService(ThermobusConfig.BusSettings settings) {
    SubscriberBus<JsonObject> bus = new SubscriberBus<>(
        new Retention(settings.retainEvents(), settings.retainAge(), settings.retainBytes()), InstantSource.system(),
        settings.maxSubscriptions(), data -> data.toBuffer().length());
    return new BusService(bus, settings.lease(), settings.sweepInterval(), settings.maxWait().toMillis());
  }

  /** A zone's verticles by supervision name ({@code zone/role}), in the order they start. */
  private static Map<String, Supplier<Deployable>> zoneVerticles(ThermobusConfig config, String zone, SettingsHealth settings) {
    double scale = config.timeScale();
    // The history, display and heater listen before the input and room announce their first values, so
    // the first decision sees both; heat loss starts last, so nothing cools before the thermostat is ready.
    Map<String, Supplier<Deployable>> verticles = new LinkedHashMap<>();
    verticles.put(zone + "/history", () -> new HistoryVerticle(zone));
    verticles.put(zone + "/display", () -> new DisplayVerticle(zone, config.thermostat(), config.actuatorDelay(), scale, config.staleTimeout()));
    verticles.put(zone + "/heater", () -> new HeaterVerticle(zone, Physics.CHAPTER, scale));
    verticles.put(zone + "/input", () -> new InputVerticle(zone, config.desiredRange(), config.desiredStepCenti(), config.initialDesiredCenti(),
        new SettingsFile(config.dataDir(), zone), settings));
    verticles.put(zone + "/room", () -> new RoomVerticle(zone, config.initialTemperatureCenti()));
    verticles.put(zone + "/heat-loss", () -> new HeatLossVerticle(zone, Physics.CHAPTER, scale));
    return verticles;
  }

  /** Whether each verticle is deployed now: the zone verticles by their supervisor, the others by their deployment. */
  private static Map<String, Boolean> verticleStatus(Deployments deployments, Set<String> zoneVerticles, Supervisor supervisor) {
    Map<String, Boolean> status = deployments.status();
    List<String> missing = supervisor.missing();
    zoneVerticles.forEach(name -> status.put(name, !missing.contains(name)));
    return status;
  }
}
