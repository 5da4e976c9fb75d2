package io.thermobus.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.remote.BusService;
import io.thermobus.cluster.ClusterNode;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.stream.StreamStats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/** HTTP: the REST API, the browser streams, health, metrics, the API description and the dashboard's static files. */
public final class WebVerticle extends VerticleBase {

  private static final long STREAM_CLOSE_GRACE_MILLIS = 1_000;
  private static final int MAX_REQUEST_LINE = 4096;
  private static final int MAX_HEADERS = 8192;
  private static final long LIMITS_SWEEP_MS = 10_000;

  private final ThermobusConfig config;
  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private final BusService busService;
  private final PrometheusMeterRegistry metrics;
  private final StreamStats streamStats;
  private final ClusterNode cluster;
  private final OpenStreams openStreams = new OpenStreams();
  /** Names this process's bus to stream clients, so a seq kept from before a restart is not resumed on a new bus. */
  private final String busId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  private HttpServer server;

  public WebVerticle(ThermobusConfig config, HealthChecks liveness, HealthChecks readiness, BusService busService,
                     StreamStats streamStats, PrometheusMeterRegistry metrics, ClusterNode cluster) {
    this.config = config;
    this.liveness = liveness;
    this.readiness = readiness;
    this.busService = busService;
    this.streamStats = streamStats;
    this.metrics = metrics;
    this.cluster = cluster;
  }

  /** The port actually bound, once started (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    ZoneCalls zoneCalls = new ZoneCalls(vertx.eventBus(), config.zones());
    ZoneApi zones = new ZoneApi(zoneCalls, busService.bus()::head, cluster);
    BearerAuth auth = new BearerAuth(config.token());
    BusApi bus = new BusApi(busService, auth, config.zones().get(0), streamStats);
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());

    ClientLimits limits = new ClientLimits(config.web(), auth, System::nanoTime);
    OriginPolicy origins = new OriginPolicy(config.web().corsOrigins());
    vertx.setPeriodic(LIMITS_SWEEP_MS, id -> limits.sweep());

    Router router = Router.router(vertx);
    router.route().handler(limits::admit);
    router.route().handler(origins::refuseForeignUpgrades);
    SecurityHeaders.mount(router, config.web().corsOrigins());
    router.route().method(HttpMethod.PUT).method(HttpMethod.POST).method(HttpMethod.DELETE).method(HttpMethod.PATCH)
        .handler(origins::refuseForeignWrites).handler(limits::limitWrites);
    router.get("/api/zones").handler(zones::list);
    router.get("/api/zones/:zone").handler(zones::get);
    router.get("/api/zones/:zone/history").handler(zones::history);
    router.get("/api/cluster").handler(new ClusterApi(cluster)::get);
    authenticatedJson(router.put("/api/zones/:zone/desired"), jsonBody, auth).handler(zones::putDesired);
    router.post("/api/bus/subscriptions").handler(jsonBody).handler(bus::subscribe);
    router.get("/api/bus/subscriptions").handler(bus::introspect);
    router.get("/api/bus/subscriptions/:id/events").handler(bus::drain);
    router.delete("/api/bus/subscriptions/:id").handler(bus::unsubscribe);
    authenticatedJson(router.post("/api/bus/events"), jsonBody, auth).handler(bus::publish);
    router.get("/api/ws").handler(new WebSocketStreams(vertx, zoneCalls, busService.bus(), busId, auth, limits, streamStats, openStreams));
    router.get("/api/events").handler(new EventStreams(vertx, busService.bus(), busId, streamStats, openStreams));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    ApiDocs.mount(router);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    Problems.mount(router);

    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS)
        .setMaxWebSocketFrameSize(config.web().wsMaxMessageBytes())
        .setMaxWebSocketMessageSize(config.web().wsMaxMessageBytes());
    return vertx.createHttpServer(options)
        .connectionHandler(limits.connections())
        .invalidRequestHandler(WebVerticle::invalidRequest)
        .requestHandler(router)
        .listen()
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
