package io.thermobus.cluster;

import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A cluster of one, without {@code --cluster}: this node owns every zone it hosts, for good, under fence 1. */
public final class LocalNode extends ClusterNode {

  private static final long FENCE = 1;

  private final String node;
  private final ZoneDirectory directory;
  private final Instant joinedAt = Instant.now();
  private volatile String httpUrl;

  public LocalNode(String node, ZoneDirectory directory) {
    this.node = node;
    this.directory = directory;
  }

  @Override
  public String node() {
    return node;
  }

  /** Every zone the directory hosts now, each owned by this node. */
  @Override
  public Map<String, String> owners() {
    Map<String, String> all = new TreeMap<>();
    directory.names().forEach(zone -> all.put(zone, node));
    return Collections.unmodifiableMap(all);
  }

  @Override
  public boolean owns(String zone) {
    return directory.hosts(zone);
  }

  @Override
  public String owner(String zone) {
    return owns(zone) ? node : null;
  }

  @Override
  public long moves() {
    return 0;
  }

  @Override
  public long fence(String zone) {
    return owns(zone) ? FENCE : 0;
  }

  @Override
  public Future<Boolean> admits(String zone, long fence) {
    return Future.succeededFuture(owns(zone) && fence == FENCE);
  }

  /** A lone node's zones never move: the listener is never called. */
  @Override
  public void onChange(Consumer<Change> listener) {
  }

  /** A lone node hosts its directory's zones for good: nothing to adopt. */
  @Override
  public void adopt(ZoneHosting hosting) {
  }

  @Override
  public Optional<ClusterZones> runtimeZones() {
    return Optional.empty();
  }

  @Override
  public Future<View> view() {
    Map<String, String> owners = owners();
    return Future.succeededFuture(new View(node, List.of(new Member(node, httpUrl, owners.size(), joinedAt)), owners, 0));
  }

  @Override
  public Future<Void> announce(String httpUrl) {
    this.httpUrl = httpUrl;
    return Future.succeededFuture();
  }

  @Override
  public Future<Status> membership() {
    return Future.succeededFuture(Status.OK(new JsonObject().put("node", node).put("members", 1).put("clustered", false)));
  }
}
