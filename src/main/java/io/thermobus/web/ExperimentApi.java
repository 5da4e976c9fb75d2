package io.thermobus.web;

import io.thermobus.Json;
import io.thermobus.Refusal;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.experiment.ExperimentResult;
import io.thermobus.experiment.ExperimentRunner;
import io.thermobus.experiment.Scenario;
import io.thermobus.experiment.ScenarioFiles;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The experiment routes: run a scenario on a worker thread (it is CPU-bound, one at a time) and
 * read the last results again by id. Experiments do not touch the live zones.
 */
final class ExperimentApi {

  static final int KEPT = 16;

  private final Vertx vertx;
  // Both owned by the web verticle's event loop: the worker's result is handled back on it.
  private final Map<String, Buffer> results = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Buffer> eldest) {
      return size() > KEPT;
    }
  };
  private boolean running;

  ExperimentApi(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@code POST /api/experiments}: 201 with the result, 400 for a bad scenario, 503 while another runs. */
  void run(RoutingContext ctx) {
    if (running) {
      throw Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "another experiment is running; try again");
    }
    Buffer body = ctx.body().buffer();
    Scenario scenario;
    try {
      scenario = ScenarioFiles.parse(body == null ? new byte[0] : body.getBytes());
    } catch (InvalidSettingsException e) {
      throw Refusal.badRequest(e.getMessage());
    }
    running = true;
    vertx.executeBlocking(() -> ExperimentRunner.run(scenario), false)
        .onComplete(done -> running = false)
        .onSuccess(result -> answer(ctx, result))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/experiments/{id}}: one of the last {@value #KEPT} results. */
  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Buffer result = results.get(id);
    if (result == null) {
      throw Refusal.of(404, "no experiment " + id + " among the last " + KEPT + " run here");
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(result);
  }

  private void answer(RoutingContext ctx, ExperimentResult result) {
    Buffer json = Buffer.buffer(Json.bytes(result));
    results.remove(result.id());
    results.put(result.id(), json);
    ctx.response().setStatusCode(201)
        .putHeader(HttpHeaders.LOCATION, "/api/experiments/" + result.id())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(json);
  }
}
