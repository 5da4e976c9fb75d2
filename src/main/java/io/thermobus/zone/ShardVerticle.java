package io.thermobus.zone;

import io.thermobus.event.Concern;
import io.thermobus.event.ZoneEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.Objects;

/**
 * One shard of a concern: hosts the zones the {@link ZoneDirectory} assigns to it, with their
 * state in the subclass's own fields, and takes every message for them on its one address.
 * Started again after a failure, it hosts the same zones. Subclasses own their state on this
 * verticle's event loop.
 */
public abstract class ShardVerticle extends VerticleBase {

  /** Failure code of a message for a zone this shard does not host (deleted meanwhile). */
  public static final int UNKNOWN_ZONE = 404;

  protected final Concern concern;
  protected final int shard;
  protected final ZoneDirectory directory;
  protected ZoneEvents events;

  protected ShardVerticle(Concern concern, int shard, ZoneDirectory directory) {
    this.concern = Objects.requireNonNull(concern, "concern");
    this.shard = Objects.checkIndex(shard, directory.shards());
    this.directory = directory;
  }

  @Override
  public final Future<?> start() {
    events = new ZoneEvents(vertx.eventBus(), directory);
    List<ZoneSpec> zones = directory.zonesOf(shard).stream().filter(spec -> drives(spec.source())).toList();
    // A local consumer: every node has shards of the same numbers, each hosting only this node's
    // zones, so on a clustered event bus a shard's address must not reach another node's shard.
    return prepare(zones)
        .compose(prepared -> vertx.eventBus().<Object>localConsumer(concern.address(shard), this::dispatch).completion())
        .onSuccess(listening -> started());
  }

  /** Whether this concern serves zones of {@code source}; the simulation's verticles serve only simulated zones. */
  protected boolean drives(ZoneSource source) {
    return true;
  }

  /** Sets up the state of the zones hosted at start; may first ask other shards for what they know. */
  protected abstract Future<?> prepare(List<ZoneSpec> zones);

  /** Runs once this shard listens: announce first values, arm timers. */
  protected void started() {}

  /** Hosts a zone created at run time; the future completes once it does. */
  protected abstract Future<?> add(ZoneSpec spec);

  /** Drops a deleted zone's state; the future completes once it is gone. */
  protected abstract Future<?> remove(String zone);

  /**
   * Drops the state of a zone that another node drives now; by default as {@link #remove} does. A
   * shard that tells a deleted zone's devices something on the way out leaves them to the new owner.
   */
  protected Future<?> handOver(String zone) {
    return remove(zone);
  }

  /** Handles any other message for a hosted zone. */
  protected abstract void receive(Object body, Message<Object> message);

  private void dispatch(Message<Object> message) {
    Object body = message.body();
    if (body instanceof ZoneAdded added) {
      (drives(added.spec().source()) ? add(added.spec()) : Future.succeededFuture())
          .onComplete(done -> reply(message, done.failed() ? done.cause() : null));
    } else if (body instanceof ZoneRemoved removed) {
      (removed.handedOver() ? handOver(removed.zone()) : remove(removed.zone()))
          .onComplete(done -> reply(message, done.failed() ? done.cause() : null));
    } else {
      receive(body, message);
    }
  }

  private static void reply(Message<Object> message, Throwable failure) {
    if (failure == null) {
      message.reply(null);
    } else {
      message.fail(500, failure.getMessage());
    }
  }
}
