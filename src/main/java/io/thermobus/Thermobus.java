package io.thermobus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.Retention;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.remote.BusService;
import io.thermobus.bus.remote.BusVerticle;
import io.thermobus.cluster.ClusterNode;
import io.thermobus.cluster.LocalNode;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.config.BusSettings;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.event.Concern;
import io.thermobus.event.EventCodec;
import io.thermobus.history.HistoryVerticle;
import io.thermobus.input.ConsoleVerticle;
import io.thermobus.input.InputVerticle;
import io.thermobus.mqtt.BrokerHealth;
import io.thermobus.mqtt.BrokerStatus;
import io.thermobus.mqtt.DeviceVerticle;
import io.thermobus.mqtt.HomeAssistantDiscovery;
import io.thermobus.mqtt.MqttSettings;
import io.thermobus.mqtt.ZoneStateVerticle;
import io.thermobus.mqtt.MqttAddresses;
import io.thermobus.mqtt.MqttBrokerVerticle;
import io.thermobus.ops.Deployments;
import io.thermobus.ops.Health;
import io.thermobus.ops.MetricsVerticle;
import io.thermobus.ops.StateChangeLog;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.sim.HeatLossVerticle;
import io.thermobus.stream.StreamStats;
import io.thermobus.sim.HeaterVerticle;
import io.thermobus.sim.Physics;
import io.thermobus.sim.RoomVerticle;
import io.thermobus.supervision.Supervisor;
import io.thermobus.sim.SimClock;
import io.thermobus.thermostat.DisplayVerticle;
import io.thermobus.thermostat.ZoneControls;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneConflictException;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.thermobus.zone.ZoneHosting;
import io.thermobus.web.WebVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Composes the service: the zone directory and the node's simulated clock, each concern's verticle
 * as one shard per event loop hosting its share of the zones, then the console and the web.
 */
public final class Thermobus {

  /**
   * A started service: where it listens and with which token, the supervisor of its zone
   * verticles, and the other verticles it deployed, by name.
   */
  public record Running(ThermobusConfig config, int port, ZoneDirectory directory, SimClock clock, Supervisor supervisor,
                        Deployments deployments) {

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

  /** Shards per concern: one per event loop of a default Vert.x, so every loop hosts a share of the zones. */
  static final int SHARDS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  private static final BrokerStatus NO_BROKER =
      new BrokerStatus(BrokerStatus.State.DISCONNECTED, "no broker configured (mqttUrl)", Instant.EPOCH, 0);

  private Thermobus() {}

  /**
   * Deploys everything on {@code vertx}; fails if the bus, console or web verticle fails to start or
   * the port cannot be bound. {@code metrics} is the registry {@code vertx} reports into (see
   * {@link io.thermobus.ops.Metrics}); the service adds its own meters and serves it at {@code /metrics}.
   */
  public static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                      boolean readKeys, PrintStream consoleOut) {
    return start(vertx, metrics, config, (directory, created) -> new LocalNode(config.cluster().nodeId(), directory), readKeys,
        consoleOut);
  }

  /**
   * Starts the service as the node {@code clusterNode} makes for its zone directory and its record
   * of created zones: a {@link io.thermobus.cluster.HazelcastNode} on a clustered Vert.x.
   */
  public static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                      BiFunction<ZoneDirectory, CreatedZones, ClusterNode> clusterNode, boolean readKeys,
                                      PrintStream consoleOut) {
    return vertx.executeBlocking(() -> CreatedZones.open(config.dataDir()))
        .compose(created -> start(vertx, metrics, config, created, clusterNode, readKeys, consoleOut));
  }

  private static Future<Running> start(Vertx vertx, PrometheusMeterRegistry metrics, ThermobusConfig config,
                                       CreatedZones created, BiFunction<ZoneDirectory, CreatedZones, ClusterNode> clusterNode,
                                       boolean readKeys, PrintStream consoleOut) {
    EventCodec.registerAll(vertx.eventBus());
    MqttAddresses.registerCodecs(vertx.eventBus());
    BusService busService = busService(config.bus());
    ZoneDirectory directory;
    try {
      directory = directory(config, created);
    } catch (ZoneConflictException e) {
      return Future.failedFuture(e);
    }
    SimClock clock = SimClock.system(config.timeScale());
    ClusterNode cluster = clusterNode.apply(directory, created);
    SettingsHealth settings = new SettingsHealth();
    Optional<MqttBrokerVerticle> broker = config.mqtt().map(MqttBrokerVerticle::new);
    Map<String, Supplier<Deployable>> shards = shardVerticles(config, directory, clock, settings, cluster, broker, metrics);
    Supervisor supervisor = new Supervisor(shards, config.restartBackoff());
    Deployments deployments = new Deployments(vertx);
    HealthChecks readiness = Health.readiness(vertx, directory,
        () -> verticleStatus(deployments, shards.keySet(), supervisor), settings);
    StreamStats streams = new StreamStats();
    readiness.register("cluster", promise -> cluster.membership().onComplete(promise));
    WebVerticle.Instances web = new WebVerticle.Instances(config, directory, created, clock, Health.liveness(vertx), readiness, busService,
        streams, metrics, cluster);
    String console = directory.firstZone();
    // The bus listens first, so it records every zone's first events.
    return deployments.deploy("bus", new BusVerticle(busService, config.bus().sweepInterval(), console))
        .compose(bus -> deployments.deploy("metrics",
            new MetricsVerticle(metrics, busService.bus(), streams, directory, config.zoneMeters(), clock)))
        .compose(meters -> deployments.deploy("state-log", new StateChangeLog()))
        .compose(log -> deployBroker(broker, deployments, readiness, metrics))
        // The cluster node listens before the zones start, so it writes their first setpoints through.
        .compose(mqtt -> deployments.deploy("cluster", cluster))
        .compose(joined -> deployments.deploy("supervisor", supervisor))
        .onSuccess(zones -> cluster.adopt(new ZoneHosting(vertx.eventBus(), directory)))
        .compose(zones -> deployments.deploy("web", web, web.count()))
        .map(id -> {
          Health.httpBound(readiness, deployments, "web", web.actualPort());
          return new Running(config, web.actualPort(), directory, clock, supervisor, deployments);
        })
        .compose(running -> cluster.announce(running.baseUrl()).map(running))
        .compose(running -> config.console()
            ? deployments.deploy("console", new ConsoleVerticle(console,
                    Concern.INPUT.address(directory.shardOf(console)), readKeys, consoleOut, running.banner()))
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
  private static Future<?> deployBroker(Optional<MqttBrokerVerticle> broker, Deployments deployments, HealthChecks readiness,
                                        PrometheusMeterRegistry metrics) {
    if (broker.isEmpty()) {
      return Future.succeededFuture();
    }
    MqttBrokerVerticle connection = broker.get();
    BrokerHealth.register(readiness, connection);
    BrokerHealth.meters(metrics, connection);
    return deployments.deploy("mqtt", connection);
  }

  /**
   * The configured zones, then those created over the API (through this node, in a cluster) before
   * the last stop; a configured name wins. A clustered node defines them all in the cluster, then
   * hosts the ones it owns.
   */
  private static ZoneDirectory directory(ThermobusConfig config, CreatedZones created) throws ZoneConflictException {
    ZoneDirectory directory = new ZoneDirectory(SHARDS, config.maxZones(), config.zones());
    for (ZoneSpec spec : created.specs(config.mqtt().isPresent())) {
      if (!directory.hosts(spec.name())) {
        directory.add(spec);
      }
    }
    return directory;
  }

  private static BusService busService(BusSettings settings) {
    SubscriberBus<JsonObject> bus = new SubscriberBus<>(
        new Retention(settings.retainEvents(), settings.retainAge(), settings.retainBytes()), InstantSource.system(),
        settings.maxSubscriptions(), data -> data.toBuffer().length());
    return new BusService(bus, settings.lease(), settings.sweepInterval(), settings.maxWait().toMillis());
  }

  /**
   * Every shard of every concern by supervision name ({@code room/3}), in the order they start:
   * concern by concern, each concern's shards together.
   */
  private static Map<String, Supplier<Deployable>> shardVerticles(ThermobusConfig config, ZoneDirectory directory,
                                                                   SimClock clock, SettingsHealth settings,
                                                                   ZoneOwnership ownership, Optional<MqttBrokerVerticle> broker,
                                                                   MeterRegistry metrics) {
    // Without a broker no zone is on devices (the configuration refuses one), so its device shards host none.
    Supplier<BrokerStatus> brokerStatus = broker.<Supplier<BrokerStatus>>map(connection -> connection::status)
        .orElse(() -> NO_BROKER);
    Optional<HomeAssistantDiscovery> discovery = config.mqtt().filter(MqttSettings::discovery)
        .map(mqtt -> new HomeAssistantDiscovery(mqtt, config.desiredRange(), config.desiredStepCenti(), Main.version()));
    ZoneControls controls = ZoneControls.controllers(config.control());
    Map<String, Supplier<Deployable>> verticles = new LinkedHashMap<>();
    for (Concern concern : Concern.values()) {
      for (int shard = 0; shard < directory.shards(); shard++) {
        int index = shard;
        Supplier<Deployable> factory = switch (concern) {
          case HISTORY -> () -> new HistoryVerticle(index, directory);
          case DISPLAY -> () -> new DisplayVerticle(index, directory, controls, clock, config.staleTimeout());
          case HEATER -> () -> new HeaterVerticle(index, directory, Physics.CHAPTER, clock, ownership);
          case INPUT -> () -> new InputVerticle(index, directory, config.desiredRange(), config.desiredStepCenti(),
              config.dataDir(), settings, config.control(), clock);
          case ROOM -> () -> new RoomVerticle(index, directory, Physics.CHAPTER, clock);
          case DEVICE -> () -> new DeviceVerticle(index, directory, brokerStatus, ownership, metrics);
          case HEAT_LOSS -> () -> new HeatLossVerticle(index, directory, Physics.CHAPTER, clock);
          case MQTT_STATE -> () -> new ZoneStateVerticle(index, directory, config.mqtt(), brokerStatus, discovery);
        };
        verticles.put(concern.shardName(shard), factory);
      }
    }
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
