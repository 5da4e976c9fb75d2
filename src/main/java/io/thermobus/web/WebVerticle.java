package io.thermobus.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.Refusal;
import io.thermobus.bus.remote.BusService;
import io.thermobus.cluster.ClusterNode;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.config.WebLimits;
import io.thermobus.stream.EncodedFrames;
import io.thermobus.stream.StreamLanes;
import io.thermobus.sim.SimClock;
import io.thermobus.stream.StreamStats;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** HTTP: the REST API, the browser streams, health, metrics, the API description and the dashboard's static files. */
public final class WebVerticle extends VerticleBase {

  private static final long STREAM_CLOSE_GRACE_MILLIS = 1_000;
  private static final int MAX_REQUEST_LINE = 4096;
  private static final int MAX_HEADERS = 8192;
  private static final long LIMITS_SWEEP_MS = 10_000;
  /**
   * Each connection's kernel send buffer (Linux doubles it for bookkeeping): small enough that a
   * stream client that stops reading is held by the 64 KiB write queue, not by megabytes of
   * autotuned kernel buffer, and still several full frames.
   */
  static final int SEND_BUFFER_BYTES = 64 * 1024;

  private final ThermobusConfig config;
  private final ZoneDirectory directory;
  private final CreatedZones createdZones;
  private final SimClock clock;
  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private final BusService busService;
  private final PrometheusMeterRegistry metrics;
  private final StreamStats streamStats;
  private final ClusterNode cluster;
  private final ClientLimits limits;
  private final EncodedFrames frames;
  private final String busId;
  /** This instance's streams: each closes those on its own event loop. */
  private final OpenStreams openStreams = new OpenStreams();
  private HttpServer server;

  private WebVerticle(Instances shared) {
    this.config = shared.config;
    this.directory = shared.directory;
    this.createdZones = shared.createdZones;
    this.clock = shared.clock;
    this.liveness = shared.liveness;
    this.readiness = shared.readiness;
    this.busService = shared.busService;
    this.streamStats = shared.streamStats;
    this.metrics = shared.metrics;
    this.limits = shared.limits;
    this.frames = shared.frames;
    this.busId = shared.busId;
    this.cluster = shared.cluster;
  }

  /**
   * Makes the web verticle's instances, one per CPU, which share one port: Vert.x hands each new
   * connection to the next instance, so the browser streams' writes are spread over that many
   * event loops instead of one. They share the client limits (connections and write rates count
   * for the whole server), the encoded frames, the bus id, and the thread-safe zone directory, created zones, clock and
   * cluster node; each keeps its own open streams.
   */
  public static final class Instances implements Supplier<WebVerticle> {

    private final ThermobusConfig config;
    private final ZoneDirectory directory;
    private final CreatedZones createdZones;
    private final SimClock clock;
    private final HealthChecks liveness;
    private final HealthChecks readiness;
    private final BusService busService;
    private final StreamStats streamStats;
    private final PrometheusMeterRegistry metrics;
    private final ClusterNode cluster;
    private final ClientLimits limits;
    private final EncodedFrames frames = new EncodedFrames();
    /** Names this process's bus to stream clients, so a seq kept from before a restart is not resumed on a new bus. */
    private final String busId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private final List<WebVerticle> made = new CopyOnWriteArrayList<>();

    public Instances(ThermobusConfig config, ZoneDirectory directory, CreatedZones createdZones, SimClock clock,
                     HealthChecks liveness, HealthChecks readiness, BusService busService, StreamStats streamStats,
                     PrometheusMeterRegistry metrics, ClusterNode cluster) {
      this.config = config;
      this.directory = directory;
      this.createdZones = createdZones;
      this.clock = clock;
      this.liveness = liveness;
      this.readiness = readiness;
      this.busService = busService;
      this.streamStats = streamStats;
      this.metrics = metrics;
      this.cluster = cluster;
      this.limits = new ClientLimits(config.web(), new BearerAuth(config.token()), System::nanoTime);
    }

    /** How many to deploy: one per CPU the JVM may use. */
    public int count() {
      return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public WebVerticle get() {
      WebVerticle web = new WebVerticle(this);
      made.add(web);
      return web;
    }

    /** The port actually bound, once deployed (useful with port 0): every instance shares it. */
    public int actualPort() {
      return made.get(0).server.actualPort();
    }
  }

  @Override
  public Future<?> start() {
    ZoneCalls zoneCalls = new ZoneCalls(vertx.eventBus(), directory);
    ZoneApi zones = new ZoneApi(vertx, new ZoneHosting(vertx.eventBus(), directory), createdZones, zoneCalls,
        config.desiredRange(), config.initialDesiredCenti(), config.initialTemperatureCenti(), config.mqtt().isPresent(),
        busService.bus()::head, cluster, cluster.runtimeZones());
    SimulationApi simulation = new SimulationApi(clock);
    ExperimentApi experiments = new ExperimentApi(vertx);
    BearerAuth auth = new BearerAuth(config.token());
    BusApi bus = new BusApi(busService, auth, directory.firstZone(), streamStats);
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());

    OriginPolicy origins = new OriginPolicy(config.web().corsOrigins());
    vertx.setPeriodic(LIMITS_SWEEP_MS, id -> limits.sweep());
    vertx.setPeriodic(expiryCheckMillis(config.web()), id -> limits.closeExpired());

    Router router = Router.router(vertx);
    router.route().handler(limits::admit);
    router.route().handler(HttpMethods::refuseUnknown);
    router.route().handler(new HostPolicy(config.host(), config.web().corsOrigins())::refuseForeignHosts);
    router.route().handler(WebVerticle::refuseTransferEncoding);
    router.route().handler(origins::refuseForeignUpgrades);
    SecurityHeaders.mount(router, config.web().corsOrigins());
    router.route().method(HttpMethod.PUT).method(HttpMethod.POST).method(HttpMethod.DELETE).method(HttpMethod.PATCH)
        .handler(origins::refuseForeignWrites).handler(limits::limitWrites);
    read(router, "/api/zones").handler(zones::list);
    authenticatedJson(router.post("/api/zones"), jsonBody, auth).handler(zones::create);
    read(router, "/api/zones/:zone").handler(zones::get);
    router.delete("/api/zones/:zone").handler(auth).handler(zones::delete);
    read(router, "/api/zones/:zone/history").handler(zones::history);
    read(router, "/api/cluster").handler(new ClusterApi(cluster)::get);
    authenticatedJson(router.put("/api/zones/:zone/desired"), jsonBody, auth).handler(zones::putDesired);
    ZoneSettingsApi zoneSettings = new ZoneSettingsApi(zoneCalls, clock);
    read(router, "/api/zones/:zone/settings").handler(zoneSettings::getSettings);
    authenticatedJson(router.put("/api/zones/:zone/settings"), jsonBody, auth).handler(zoneSettings::putSettings);
    read(router, "/api/zones/:zone/analytics").handler(zoneSettings::getAnalytics);
    read(router, "/api/zones/:zone/preset").handler(zoneSettings::getPreset);
    authenticatedJson(router.put("/api/zones/:zone/preset"), jsonBody, auth).handler(zoneSettings::putPreset);
    read(router, "/api/zones/:zone/presets").handler(zoneSettings::getPresets);
    authenticatedJson(router.put("/api/zones/:zone/presets"), jsonBody, auth).handler(zoneSettings::putPresets);
    read(router, "/api/zones/:zone/schedule").handler(zoneSettings::getSchedule);
    authenticatedJson(router.put("/api/zones/:zone/schedule"), jsonBody, auth).handler(zoneSettings::putSchedule);
    authenticatedJson(router.post("/api/zones/:zone/window"), jsonBody, auth).handler(zoneSettings::postWindow);
    read(router, "/api/simulation").handler(simulation::get);
    authenticatedJson(router.put("/api/simulation"), jsonBody, auth).handler(simulation::put);
    router.post("/api/bus/subscriptions").handler(jsonBody).handler(bus::subscribe);
    read(router, "/api/bus/subscriptions").handler(bus::introspect);
    router.get("/api/bus/subscriptions/:id/events").handler(bus::drain);
    router.delete("/api/bus/subscriptions/:id").handler(bus::unsubscribe);
    authenticatedJson(router.post("/api/bus/events"), jsonBody, auth).handler(bus::publish);
    authenticatedJson(router.post("/api/experiments"), jsonBody, auth).handler(experiments::run);
    read(router, "/api/experiments").handler(experiments::list);
    read(router, "/api/experiments/:id").handler(experiments::get);
    StreamLanes lanes = new StreamLanes(context, busService.bus());
    router.get("/api/ws").handler(new WebSocketStreams(vertx, zoneCalls, busService.bus(), busId, auth, limits, streamStats,
        frames, config.web().streamStall(), openStreams, lanes, config.web().wsMaxMessageBytes()));
    router.get("/api/events").handler(new EventStreams(vertx, busService.bus(), busId, streamStats, frames, config.web().streamStall(),
        openStreams, lanes));
    read(router, "/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    read(router, "/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    read(router, "/metrics").handler(PrometheusScrapingHandler.create(metrics));
    ApiDocs.mount(router);
    read(router, "/webjars/*").handler(new ClasspathFiles("META-INF/resources/webjars", "/webjars/"));
    read(router, "/*").handler(new ClasspathFiles("webroot", "/"));
    Problems.mount(router);

    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS)
        .setSendBufferSize(SEND_BUFFER_BYTES)
        .setMaxWebSocketFrameSize(config.web().wsMaxMessageBytes())
        .setMaxWebSocketMessageSize(config.web().wsMaxMessageBytes())
        // No compression: the frames are small, and without extensions a frame with reserved bits closes with 1002.
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)
        // The page needs no HTTP/2, and h2c would carry any number of streams on one counted connection.
        .setHttp2ClearTextEnabled(false)
        // Every request is answered on its connection's event loop: the connection then writes to
        // its channel directly and keeps no message queue of its own (4 KB a connection).
        .setStrictThreadMode(true);
    Future<Void> answering = vertx.eventBus().<JsonObject>consumer(RemoteZones.address(cluster.node()), zones::answer).completion();
    return answering.compose(listening -> vertx.createHttpServer(options)
        .connectionHandler(limits.connections())
        .invalidRequestHandler(WebVerticle::invalidRequest)
        .requestHandler(router)
        .listen())
        .onSuccess(bound -> server = bound);
  }

  /**
   * Closes the browser streams (WebSockets with 1001 going away) before the server goes, waiting at
   * most a short grace for the clients' close handshakes: one that does not read must not hold up
   * shutdown.
   */
  @Override
  public Future<?> stop() {
    return Future.any(openStreams.closeAll(), vertx.timer(STREAM_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
  }

  /** Often enough that a connection outlives its header or idle timeout by a quarter of it at most. */
  private static long expiryCheckMillis(WebLimits limits) {
    long shortest = Math.min(limits.requestHeaderTimeout().toMillis(), limits.idleTimeout().toMillis());
    return Math.max(10, Math.min(1_000, shortest / 4));
  }

  /**
   * Request bodies must come with Content-Length. The HTTP decoder drops a Content-Length sent with
   * Transfer-Encoding (request smuggling's ingredient) before any route sees it, so every request
   * with Transfer-Encoding is answered 400 and its connection closed (RFC 9112 §6.1) before its body
   * is read, well-formed or not. The bodies here are small JSON; clients send their length. The
   * answer is flushed at once and the connection closed: a malformed chunk later in the same read
   * would make Vert.x drop the channel with the answer unsent.
   */
  private static void refuseTransferEncoding(RoutingContext ctx) {
    if (!ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      ctx.next();
      return;
    }
    throw Refusal.badRequest("send request bodies with Content-Length; Transfer-Encoding is not accepted")
        .withHeader(HttpHeaders.CONNECTION.toString(), "close");
  }

  /** A route for reads: GET, and HEAD, which HTTP requires wherever GET is (Vert.x sends HEAD's answer without its body). */
  static Route read(Router router, String path) {
    return router.get(path).method(HttpMethod.HEAD);
  }

  /**
   * A write: the body read within its limit, then the token, then a JSON content type (vertx-web
   * reads the body before any user handler; anonymous writes are bounded before it by their own
   * allowance in {@link ClientLimits}).
   */
  private static Route authenticatedJson(Route route, BodyHandler body, BearerAuth auth) {
    return route.handler(body).handler(auth).handler(JsonBodies.requireJsonContentType());
  }

  /** Requests the HTTP decoder refused (line or headers too long, not HTTP): a problem, then the connection closes. */
  private static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      Problems.send(request, 414, "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      Problems.send(request, 431, "the headers are larger than " + MAX_HEADERS + " bytes");
    } else {
      Problems.send(request, 400, "the request is not valid HTTP");
    }
  }
}
