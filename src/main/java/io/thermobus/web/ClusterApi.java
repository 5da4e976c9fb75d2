package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.cluster.ClusterNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/cluster}: the nodes, what each owns, and how often zones moved. */
final class ClusterApi {

  private final ClusterNode cluster;

  ClusterApi(ClusterNode cluster) {
    this.cluster = cluster;
  }

  void get(RoutingContext ctx) {
    cluster.view()
        .onSuccess(view -> ctx.json(toJson(view)))
        .onFailure(failure -> ctx.fail(Refusal.retryAfter(503, Refusal.DEFAULT_RETRY_SECONDS, "the cluster did not answer in time; try again")));
  }

  private static JsonObject toJson(ClusterNode.View view) {
    JsonArray nodes = new JsonArray();
    view.nodes().forEach(member -> nodes.add(new JsonObject()
        .put("id", member.id())
        .put("httpUrl", member.httpUrl())
        .put("zones", member.zones())
        .put("joinedAt", member.joinedAt() == null ? null : member.joinedAt().toString())));
    return new JsonObject()
        .put("node", view.node())
        .put("nodes", nodes)
        .put("owners", new JsonObject(new java.util.LinkedHashMap<>(view.owners())))
        .put("moves", view.moves());
  }
}
