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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The experiment routes: run a scenario, inline or shipped by name, on a worker thread (it is
 * CPU-bound, one at a time), list the last results and read them again by id. Experiments do not
 * touch the live zones.
 */
final class ExperimentApi {

  static final int KEPT = 16;

  private final Vertx vertx;
  // Both owned by the web verticle's event loop: the worker's result is handled back on it.
  private final Map<String, Kept> results = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
      return size() > KEPT;
    }
  };
  private boolean running;

  ExperimentApi(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A result as it was answered, and its line in the list. */
  private record Kept(Buffer json, JsonObject summary) {}

  /**
   * {@code POST /api/experiments}: a scenario, or {@code {"scenario": NAME}} for a shipped one;
   * 201 with the result, 400 for a bad scenario, 503 while another runs.
   */
  void run(RoutingContext ctx) {
    if (running) {
      throw Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "another experiment is running; try again");
    }
    Scenario scenario = scenario(ctx);
    running = true;
    vertx.executeBlocking(() -> ExperimentRunner.run(scenario), false)
        .onComplete(done -> running = false)
        .onSuccess(result -> answer(ctx, result))
        .onFailure(ctx::fail);
  }

  /** The body's scenario: a shipped one when the body is only {@code {"scenario": NAME}}; refuses (400) a bad one. */
  private static Scenario scenario(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    try {
      if (body.size() == 1 && body.containsKey("scenario")) {
        if (!(body.getValue("scenario") instanceof String name)) {
          throw new InvalidSettingsException("'scenario' must name a shipped scenario: " + String.join(", ", ScenarioFiles.SHIPPED));
        }
        return ScenarioFiles.shipped(name);
      }
      return ScenarioFiles.parse(ctx.body().buffer().getBytes());
    } catch (InvalidSettingsException e) {
      throw Refusal.badRequest(e.getMessage());
    }
  }

  /** {@code GET /api/experiments}: the shipped scenarios' names and the last {@value #KEPT} results, newest first. */
  void list(RoutingContext ctx) {
    JsonArray experiments = new JsonArray();
    results.values().forEach(kept -> experiments.add(0, kept.summary()));
    ctx.json(new JsonObject().put("scenarios", new JsonArray(ScenarioFiles.SHIPPED)).put("experiments", experiments));
  }

  /** {@code GET /api/experiments/{id}}: one of the last {@value #KEPT} results. */
  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Kept result = results.get(id);
    if (result == null) {
      throw Refusal.of(404, "no experiment " + id + " among the last " + KEPT + " run here");
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(result.json());
  }

  private void answer(RoutingContext ctx, ExperimentResult result) {
    Buffer json = Buffer.buffer(Json.bytes(result));
    JsonArray controllers = new JsonArray();
    result.results().forEach(one -> controllers.add(one.controller()));
    results.remove(result.id());
    results.put(result.id(), new Kept(json,
        new JsonObject().put("id", result.id()).put("scenario", result.scenario()).put("controllers", controllers)));
    ctx.response().setStatusCode(201)
        .putHeader(HttpHeaders.LOCATION, "/api/experiments/" + result.id())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(json);
  }
}
