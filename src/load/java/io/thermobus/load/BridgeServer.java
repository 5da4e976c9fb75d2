package io.thermobus.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The baseline a Vert.x user would otherwise pick: vertx-web's SockJS event-bus bridge on one
 * HTTP server, relaying what is POSTed to {@code /publish} ({@code {"address","body"}}) to the
 * event-bus address, which browsers subscribe to over the bridge. Started by {@link LoadHarness}.
 */
public final class BridgeServer {

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    SockJSBridgeOptions bridge = new SockJSBridgeOptions().addOutboundPermitted(new PermittedOptions().setAddressRegex("events\\..+"));
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridge));
    router.post("/publish").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(ctx -> {
      JsonObject request = ctx.body().asJsonObject();
      vertx.eventBus().publish(request.getString("address"), request.getJsonObject("body"));
      ctx.response().setStatusCode(202).end();
    });
    router.get("/ready").handler(ctx -> ctx.response().end("ready"));
    vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
        .onSuccess(server -> System.out.println("bridge listening on " + server.actualPort()))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }
}
