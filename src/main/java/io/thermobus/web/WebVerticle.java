package io.thermobus.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.remote.BusService;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.sim.SimClock;
import io.thermobus.stream.StreamStats;
import io.thermobus.zone.ZoneDirectory;
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
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP: the REST API, the browser streams, health, metrics, the API description and the dashboard's static files. */
public final class WebVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebVerticle.class);
  private static final long STREAM_CLOSE_GRACE_MILLIS = 1_000;
  private static final int MAX_REQUEST_LINE = 4096;
  private static final int MAX_HEADERS = 8192;
  private static final long LIMITS_SWEEP_MS = 10_000;

  private final ThermobusConfig config;
  private final ZoneDirectory directory;
  private final SimClock clock;
  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private final BusService busService;
  private final PrometheusMeterRegistry metrics;
  private final StreamStats streamStats;
  private final OpenStreams openStreams = new OpenStreams();
  /** Names this process's bus to stream clients, so a seq kept from before a restart is not resumed on a new bus. */
  private final String busId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  private HttpServer server;

  public WebVerticle(ThermobusConfig config, ZoneDirectory directory, SimClock clock, HealthChecks liveness, HealthChecks readiness, BusService busService,
                     StreamStats streamStats, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.directory = directory;
    this.clock = clock;
    this.liveness = liveness;
    this.readiness = readiness;
    this.busService = busService;
    this.streamStats = streamStats;
    this.metrics = metrics;
  }

  /** The port actually bound, once started (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    ZoneApi zones = new ZoneApi(vertx, directory, config.desiredRange(), config.initialDesiredCenti(),
        config.initialTemperatureCenti(), busService.bus()::head);
    SimulationApi simulation = new SimulationApi(clock);
    BusApi bus = new BusApi(busService, directory.firstZone(), streamStats);
    BearerAuth auth = new BearerAuth(config.token());
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());

    ClientLimits limits = new ClientLimits(config.web(), System::nanoTime);
    vertx.setPeriodic(LIMITS_SWEEP_MS, id -> limits.sweep());

    Router router = Router.router(vertx);
    router.route().handler(limits::admit);
    router.route().handler(new OriginPolicy(config.web().corsOrigins())::refuseForeignUpgrades);
    SecurityHeaders.mount(router, config.web().corsOrigins());
    router.route().method(HttpMethod.PUT).method(HttpMethod.POST).method(HttpMethod.DELETE).method(HttpMethod.PATCH)
        .handler(limits::limitWrites);
    router.get("/api/zones").handler(zones::list);
    authenticatedJson(router.post("/api/zones"), jsonBody, auth).handler(zones::create);
    router.get("/api/zones/:zone").handler(zones::get);
    router.delete("/api/zones/:zone").handler(auth).handler(zones::delete);
    router.get("/api/zones/:zone/history").handler(zones::history);
    authenticatedJson(router.put("/api/zones/:zone/desired"), jsonBody, auth).handler(zones::putDesired);
    router.get("/api/simulation").handler(simulation::get);
    authenticatedJson(router.put("/api/simulation"), jsonBody, auth).handler(simulation::put);
    router.post("/api/bus/subscriptions").handler(jsonBody).handler(bus::subscribe);
    router.get("/api/bus/subscriptions").handler(bus::introspect);
    router.get("/api/bus/subscriptions/:id/events").handler(bus::drain);
    router.delete("/api/bus/subscriptions/:id").handler(bus::unsubscribe);
    authenticatedJson(router.post("/api/bus/events"), jsonBody, auth).handler(bus::publish);
    router.get("/api/ws").handler(new WebSocketStreams(vertx, directory, busService.bus(), busId, auth, limits, streamStats, openStreams));
    router.get("/api/events").handler(new EventStreams(vertx, busService.bus(), busId, streamStats, openStreams));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    ApiDocs.mount(router);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    errors(router);

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

  /** A write: the body read within its limit, then the token, then a JSON content type. */
  private static Route authenticatedJson(Route route, BodyHandler body, BearerAuth auth) {
    return route.handler(body).handler(auth).handler(JsonBodies.requireJsonContentType());
  }

  private static void errors(Router router) {
    router.errorHandler(400, ctx -> Problems.send(ctx, 400, "the request is malformed"));
    router.errorHandler(403, ctx -> Problems.send(ctx, 403, "this origin is not allowed to call the API"));
    router.errorHandler(404, ctx -> Problems.send(ctx, 404, "nothing at " + ctx.request().path()));
    router.errorHandler(405, ctx -> Problems.send(ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> Problems.send(ctx, 413, "the body is larger than the limit"));
    router.errorHandler(415, ctx -> Problems.send(ctx, 415, "unsupported media type"));
    router.errorHandler(500, WebVerticle::internalError);
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

  private static void internalError(RoutingContext ctx) {
    LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
    Problems.send(ctx, 500, "the server failed to handle this request; it has been logged");
  }
}
