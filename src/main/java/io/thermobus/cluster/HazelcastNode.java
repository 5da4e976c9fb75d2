package io.thermobus.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.Topic;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.sim.Centi;
import io.thermobus.zone.CreatedZones;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneHosting;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership by Hazelcast's partition table: a zone belongs to the member that holds the primary
 * copy of its entry in {@link HazelcastSetup#ZONES_MAP}. Membership and migration events (and a
 * once-a-second re-read, for promotions that raise none) re-read the table; each gained zone is
 * claimed with a fresh fence on its own partition. The owner table and the fences are written on
 * this verticle's event loop only; Hazelcast's listener threads just hop onto it.
 */
public final class HazelcastNode extends ClusterNode implements ClusterZones {

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastNode.class);
  private static final long REREAD_MS = 1_000;
  /** How long a deleted zone may take to be stopped everywhere, asked every {@link #DROP_POLL_MS}. */
  private static final long DROP_WAIT_MS = 10_000;
  private static final long DROP_POLL_MS = 100;

  private final HazelcastInstance hazelcast;
  private final String node;
  private final ZoneDirectory directory;
  /** The zones of this node's configuration and those created through it, defined in the cluster map as it starts. */
  private final List<ZoneSpec> configured = new ArrayList<>();
  private final CreatedZones created;
  private final Path dataDir;
  private final IMap<String, ZoneRecord> zones;
  private final IMap<String, NodeRecord> nodes;
  private final OwnerTable table;
  private final Instant joinedAt = Instant.now();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Long> fences = new ConcurrentHashMap<>();
  /** Zones with a claim under way; owned by the event loop. */
  private final Set<String> claiming = new HashSet<>();
  /** Zone names the cluster knows; owned by the event loop. */
  private final Set<String> known = new TreeSet<>();
  private final List<Runnable> unregister = new ArrayList<>();
  private volatile Map<String, String> owners = Map.of();
  private volatile long moves;
  /** Set once the shards run, on this verticle's loop; read by a caller's continuation of {@link #undefine} on its own. */
  private volatile ZoneAdoption adoption;

  /**
   * {@code directory} holds the configured zones and those created through this node
   * ({@code created}, in {@code dataDir}), which this node defines in the cluster map (a saved
   * setpoint in {@code dataDir} over the configured one) and then hosts only if it owns them.
   */
  public HazelcastNode(HazelcastInstance hazelcast, ZoneDirectory directory, CreatedZones created, Path dataDir) {
    this.hazelcast = hazelcast;
    this.node = hazelcast.getCluster().getLocalMember().getAttribute(HazelcastSetup.NODE_ATTRIBUTE);
    this.directory = directory;
    this.created = created;
    this.dataDir = dataDir;
    for (int shard = 0; shard < directory.shards(); shard++) {
      configured.addAll(directory.zonesOf(shard));
    }
    this.zones = hazelcast.getMap(HazelcastSetup.ZONES_MAP);
    this.nodes = hazelcast.getMap(HazelcastSetup.NODES_MAP);
    this.table = new OwnerTable(node);
  }

  @Override
  public Future<?> start() {
    // Before any shard starts: the node hosts a zone only once it owns it (see adopt).
    configured.forEach(spec -> directory.remove(spec.name()));
    Future<?> listening = vertx.executeBlocking(() -> {
      // A restarted node's old record (same id) must not show its old address while it starts.
      nodes.set(node, new NodeRecord(null, joinedAt));
      listen();
      defineOwn();
      return zones.keySet();
    }).onSuccess(names -> {
      known.addAll(names);
      reread();
    });
    vertx.setPeriodic(REREAD_MS, id -> reread());
    Future<Void> desired = vertx.eventBus().<DesiredChanged>consumer(Topic.DESIRED.address(), message -> record(message.body()))
        .completion();
    return Future.all(listening, desired);
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      unregister.forEach(Runnable::run);
      nodes.delete(node);
      return null;
    });
  }

  /** Runs on a worker: defines each configured zone unless the cluster knows it, keeping an existing setpoint. */
  private void defineOwn() {
    List<CompletableFuture<Boolean>> defined = new ArrayList<>();
    for (ZoneSpec spec : configured) {
      ZoneSpec saved = new ZoneSpec(spec.name(), savedDesired(spec), spec.initialTemperatureCenti(), spec.source());
      defined.add(zones.submitToKey(spec.name(), new ZoneRecord.Define(saved)).toCompletableFuture());
    }
    CompletableFuture.allOf(defined.toArray(CompletableFuture[]::new)).join();
  }

  /** The setpoint this node last saved for the zone, or the configured one. */
  private int savedDesired(ZoneSpec spec) {
    try {
      return new SettingsFile(dataDir, spec.name()).read().map(saved -> Centi.fromCelsius(saved.desired())).orElse(spec.desiredCenti());
    } catch (SettingsUnreadableException e) {
      LOG.warn("Zone {}: {}; the cluster gets its configured setpoint", spec.name(), e.getMessage());
      return spec.desiredCenti();
    }
  }

  /** Runs on a worker: Hazelcast registers listeners cluster-wide and waits for it. */
  private void listen() {
    UUID membership = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        context.runOnContext(v -> reread());
      }

      /** Every survivor deletes the departed node's record; deleting twice is harmless. */
      @Override
      public void memberRemoved(MembershipEvent event) {
        String departed = event.getMember().getAttribute(HazelcastSetup.NODE_ATTRIBUTE);
        nodes.removeAsync(departed).whenComplete((removed, failure) -> {
          if (failure != null) {
            LOG.debug("Could not remove departed node {}'s record: {}", departed, failure.getMessage());
          }
        });
        context.runOnContext(v -> reread());
      }
    });
    UUID migrations = hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
      @Override
      public void migrationStarted(MigrationState state) {
      }

      @Override
      public void migrationFinished(MigrationState state) {
        context.runOnContext(v -> reread());
      }

      @Override
      public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
      }

      @Override
      public void replicaMigrationFailed(ReplicaMigrationEvent event) {
      }
    });
    UUID entries = zones.addEntryListener(new ZoneNames(), false);
    unregister.add(() -> hazelcast.getCluster().removeMembershipListener(membership));
    unregister.add(() -> hazelcast.getPartitionService().removeMigrationListener(migrations));
    unregister.add(() -> zones.removeEntryListener(entries));
  }

  /** Zones defined or removed anywhere in the cluster. */
  private final class ZoneNames implements EntryAddedListener<String, ZoneRecord>, EntryRemovedListener<String, ZoneRecord> {

    @Override
    public void entryAdded(EntryEvent<String, ZoneRecord> event) {
      context.runOnContext(v -> {
        known.add(event.getKey());
        reread();
      });
    }

    /** Every node forgets a deleted zone it created, so that its restart does not define it again. */
    @Override
    public void entryRemoved(EntryEvent<String, ZoneRecord> event) {
      context.runOnContext(v -> {
        known.remove(event.getKey());
        reread();
        forget(event.getKey()).onFailure(failure -> LOG.warn("Zone {}: deleted from the cluster, but this node could not forget it: {}",
            event.getKey(), failure.getMessage()));
      });
    }
  }

  /**
   * Reads each known zone's partition owner on a worker (the first read may wait for the
   * partition table to be arranged), then applies it here, in order.
   */
  private void reread() {
    List<String> names = List.copyOf(known);
    vertx.executeBlocking(() -> {
      Map<String, String> read = new HashMap<>();
      for (String zone : names) {
        com.hazelcast.cluster.Member owner = hazelcast.getPartitionService().getPartition(zone).getOwner();
        read.put(zone, owner == null ? null : owner.getAttribute(HazelcastSetup.NODE_ATTRIBUTE));
      }
      return read;
    }).onSuccess(this::apply)
        .onFailure(failure -> LOG.debug("Could not read the partition table: {}", failure.getMessage()));
  }

  private void apply(Map<String, String> read) {
    Change change = table.update(read);
    owners = table.owners();
    moves = table.moves();
    change.lost().forEach(fences::remove);
    // A claim refused while the partition was still arriving is tried again with the next reading.
    owners.forEach((zone, owner) -> {
      if (owner.equals(node) && !fences.containsKey(zone) && claiming.add(zone)) {
        claim(zone);
      }
    });
    if (!change.gained().isEmpty() || !change.lost().isEmpty()) {
      LOG.info("Cluster node {} now owns {} zone(s): gained {}, lost {}", node, zonesOf(owners, node), change.gained(), change.lost());
      listeners.forEach(listener -> listener.accept(change));
    }
    if (adoption != null) {
      adoption.reconcile();
    }
  }

  /** From now on hosts exactly the zones this node owns, adopting and dropping them through {@code hosting}. */
  @Override
  public void adopt(ZoneHosting hosting) {
    context.runOnContext(v -> {
      adoption = new ZoneAdoption(node, hosting, () -> owners, zone -> Future.fromCompletionStage(zones.getAsync(zone), context),
          vertx.eventBus(), this::otherMembers);
      vertx.eventBus().<JsonArray>consumer(ZoneAdoption.hostsAddress(node), adoption::answerHosts);
      adoption.reconcile();
    });
  }

  private void claim(String zone) {
    Future.fromCompletionStage(zones.submitToKey(zone, new ZoneRecord.Claim(node)), context)
        .onSuccess(fence -> {
          if (fence > 0 && owns(zone)) {
            fences.put(zone, fence);
          }
        })
        .onFailure(failure -> LOG.warn("Zone {}: could not claim it: {}", zone, failure.getMessage()))
        .onComplete(done -> claiming.remove(zone));
  }

  @Override
  public Optional<ClusterZones> runtimeZones() {
    return Optional.of(this);
  }

  @Override
  public Future<Boolean> define(ZoneSpec spec) {
    return callers(zones.submitToKey(spec.name(), new ZoneRecord.Define(spec)))
        .compose(defined -> defined ? recordCreated(spec).map(true) : Future.succeededFuture(false));
  }

  /** Records a zone just defined in the cluster as created through this node; removes it from the cluster again if that fails. */
  private Future<Void> recordCreated(ZoneSpec spec) {
    return vertx.<Void>executeBlocking(() -> {
      created.add(spec);
      return null;
    }).recover(failure -> callers(zones.removeAsync(spec.name())).transform(removed -> Future.failedFuture(failure)));
  }

  @Override
  public Future<Boolean> undefine(String zone) {
    return callers(zones.removeAsync(zone))
        .compose(removed -> removed == null ? Future.succeededFuture(false)
            : forget(zone).compose(forgotten -> awaitDropped(zone, System.nanoTime())).map(true));
  }

  private Future<Void> forget(String zone) {
    return vertx.executeBlocking(() -> {
      created.remove(zone);
      return null;
    });
  }

  /** Asks every member, this one too, until none hosts {@code zone}; fails after {@link #DROP_WAIT_MS}. */
  private Future<Void> awaitDropped(String zone, long since) {
    Future<Boolean> hosted = directory.hosts(zone) ? Future.succeededFuture(true)
        : adoption == null ? Future.succeededFuture(false) : adoption.hostedElsewhere(List.of(zone)).map(elsewhere -> elsewhere.contains(zone));
    return hosted.compose(still -> {
      if (!still) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(DROP_WAIT_MS)) {
        return Future.failedFuture(new TimeoutException("removed from the cluster, but a node still hosts it after "
            + DROP_WAIT_MS / 1000 + " s; it stops it with its next reading of the owners"));
      }
      return vertx.timer(DROP_POLL_MS, TimeUnit.MILLISECONDS).compose(waited -> awaitDropped(zone, since));
    });
  }

  /** Writes a hosted zone's new setpoint through to the cluster map; an adopted zone's first one is the map's own. */
  private void record(DesiredChanged changed) {
    if (directory.hosts(changed.zone())) {
      Future.fromCompletionStage(zones.submitToKey(changed.zone(), new ZoneRecord.Desired(changed.centi())), context)
          .onFailure(failure -> LOG.warn("Zone {}: could not record its setpoint in the cluster: {}", changed.zone(), failure.getMessage()));
    }
  }

  private Set<String> otherMembers() {
    Set<String> others = new HashSet<>();
    hazelcast.getCluster().getMembers().forEach(member -> others.add(member.getAttribute(HazelcastSetup.NODE_ATTRIBUTE)));
    others.remove(node);
    return others;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public Map<String, String> owners() {
    return owners;
  }

  @Override
  public long moves() {
    return moves;
  }

  @Override
  public long fence(String zone) {
    return fences.getOrDefault(zone, 0L);
  }

  @Override
  public Future<Boolean> admits(String zone, long fence) {
    return callers(zones.submitToKey(zone, new ZoneRecord.Admit(node, fence)));
  }

  /**
   * A Hazelcast answer as a future completed on the context of whoever asked (a heater shard, a
   * web instance): its callbacks touch that verticle's own state and write to that connection, so
   * they must run on its event loop, not on this verticle's.
   */
  private <T> Future<T> callers(CompletionStage<T> answer) {
    return Future.fromCompletionStage(answer, vertx.getOrCreateContext());
  }

  @Override
  public void onChange(Consumer<Change> listener) {
    listeners.add(listener);
  }

  @Override
  public Future<View> view() {
    Map<String, String> current = owners;
    long moved = moves;
    return vertx.executeBlocking(() -> {
      List<String> ids = hazelcast.getCluster().getMembers().stream()
          .map(member -> member.getAttribute(HazelcastSetup.NODE_ATTRIBUTE)).toList();
      Map<String, NodeRecord> records = nodes.getAll(Set.copyOf(ids));
      List<Member> members = ids.stream().map(id -> {
        NodeRecord record = records.get(id);
        return new Member(id, record == null ? null : record.httpUrl(), zonesOf(current, id),
            record == null ? null : record.joinedAt());
      }).toList();
      return new View(node, members, current, moved);
    });
  }

  @Override
  public Future<Void> announce(String httpUrl) {
    return vertx.executeBlocking(() -> {
      nodes.set(node, new NodeRecord(httpUrl, joinedAt));
      return null;
    });
  }

  @Override
  public Future<Status> membership() {
    boolean running = hazelcast.getLifecycleService().isRunning();
    int members = running ? hazelcast.getCluster().getMembers().size() : 0;
    JsonObject detail = new JsonObject().put("node", node).put("members", members).put("clustered", true);
    return Future.succeededFuture(running && members > 0 ? Status.OK(detail) : Status.KO(detail));
  }
}
