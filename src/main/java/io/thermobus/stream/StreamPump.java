package io.thermobus.stream;

import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.Lagged;
import io.thermobus.bus.Subscription;
import io.thermobus.bus.SubscriptionGoneException;
import io.thermobus.bus.remote.BusJson;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one stream connection from its own bus subscription: drains in batches while the sink
 * takes them, and once caught up parks in its event loop's {@link StreamLanes}, which serve it with
 * the other connections of its filter in one pass per event. When the sink's outbound
 * buffer is full stops draining (the backlog stays in the bus's shared log, bounded by retention)
 * and, once writable again, sends the backlog folded to the latest event per zone and topic; a
 * sink that stays full for the stall bound is closed, so a client that stopped reading gives its
 * memory back. A subscription unsubscribed through the bus API ends the connection; the client
 * may resume.
 *
 * <p>Every field is owned by the connection's context (the lanes' too); the bus's callbacks run on
 * other threads and only hop onto that context.
 */
public final class StreamPump {

  private static final Logger LOG = LoggerFactory.getLogger(StreamPump.class);
  /** Outbound bytes buffered per connection before it counts as full and draining stops. */
  public static final int WRITE_QUEUE_BYTES = 64 * 1024;
  static final int BATCH = 64;
  /** Batches per event-loop turn before yielding to other connections. */
  static final int BATCHES_PER_TURN = 16;
  /** Distinct zone and topic pairs folded before they are sent, whatever the backlog. */
  static final int MAX_FOLDED_KEYS = 256;

  private final Context context;
  private final Subscription<JsonObject> subscription;
  private final FrameSink sink;
  private final StreamStats stats;
  private final EncodedFrames frames;
  private final Duration stall;
  private final StreamLanes lanes;
  private final Coalescer<JsonObject> folded = new Coalescer<>();
  /** Whether it is in a lane, which then drains it. */
  private boolean parked;
  /** The timer that closes the connection if the sink stays full, or -1. */
  private long cutOff = -1;
  private boolean congested;
  private boolean closed;

  /**
   * @param subscription the stream's own, narrowed to the topics and zone the client asked for
   * @param lanes        those of {@code context}'s event loop
   */
  public StreamPump(Context context, Subscription<JsonObject> subscription, FrameSink sink, StreamStats stats,
      EncodedFrames frames, Duration stall, StreamLanes lanes) {
    this.context = Objects.requireNonNull(context, "context");
    this.subscription = Objects.requireNonNull(subscription, "subscription");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.frames = Objects.requireNonNull(frames, "frames");
    this.stall = Objects.requireNonNull(stall, "stall");
    this.lanes = Objects.requireNonNull(lanes, "lanes");
  }

  /** Starts sending; call on the connection's context. */
  public void start() {
    stats.connected();
    subscription.onClosed(() -> context.runOnContext(closed -> unsubscribed()));
    pump();
  }

  /** Stops sending and unsubscribes; idempotent; call on the connection's context. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cancelCutOff();
    if (parked) {
      parked = false;
      lanes.leave(this);
    }
    subscription.close();
    stats.disconnected();
  }

  private void pump() {
    if (closed || parked) {
      return;
    }
    try {
      pumpLive();
    } catch (SubscriptionGoneException gone) {
      unsubscribed();
    }
  }

  /** The subscription was tombstoned: by {@link #close}, or from elsewhere (the bus API), which ends the connection. */
  private void unsubscribed() {
    if (closed) {
      return;
    }
    close();
    sink.closeUnsubscribed().onFailure(failure -> LOG.debug("closing an unsubscribed stream failed: {}", failure.toString()));
  }

  /** Throws gone once the subscription was unsubscribed from elsewhere (the bus API). */
  private void pumpLive() {
    if (congested && !sink.writeQueueFull() && !sendFoldedBacklog()) {
      return;
    }
    for (int turn = 0; turn < BATCHES_PER_TURN; turn++) {
      if (sink.writeQueueFull()) {
        waitUntilWritable();
        return;
      }
      int sent = subscription.drain(BATCH, this::send);
      sink.flush();
      if (sent < BATCH) {
        parked = true;
        lanes.park(this);
        return;
      }
    }
    context.runOnContext(next -> pump());
  }

  /** Folds the backlog; answers whether it caught up and sent it, else it goes on next turn. */
  private boolean sendFoldedBacklog() {
    for (int turn = 0; turn < BATCHES_PER_TURN && folded.keys() < MAX_FOLDED_KEYS; turn++) {
      if (subscription.drain(BATCH, this::fold) < BATCH) {
        writeFolded();
        congested = false;
        return true;
      }
    }
    if (folded.keys() >= MAX_FOLDED_KEYS) {
      writeFolded();
    }
    context.runOnContext(next -> pump());
    return false;
  }

  /** Waits for the sink to drain, at most {@code stall}: a client that reads nothing for that long is closed. */
  private void waitUntilWritable() {
    congested = true;
    cancelCutOff();
    cutOff = context.owner().setTimer(Math.max(1, stall.toMillis()), fired -> stalled());
    sink.onWritable(() -> {
      cancelCutOff();
      pump();
    });
  }

  private void cancelCutOff() {
    if (cutOff >= 0) {
      context.owner().cancelTimer(cutOff);
      cutOff = -1;
    }
  }

  private void stalled() {
    cutOff = -1;
    if (closed) {
      return;
    }
    close();
    stats.stalled();
    sink.closeStalled(stall).onFailure(failure -> LOG.debug("closing a stalled stream failed: {}", failure.toString()));
  }

  Subscription<JsonObject> subscription() {
    return subscription;
  }

  /** Its lane's key: the subscription's topics and zone. */
  Object filter() {
    return subscription.filter();
  }

  boolean writeQueueFull() {
    return sink.writeQueueFull();
  }

  /** Sends what its lane's pass wrote, in one write where the transport allows. */
  void flush() {
    sink.flush();
  }

  /** Its lane let it go because its sink is full. */
  void leftLaneCongested() {
    parked = false;
    waitUntilWritable();
  }

  /** Its lane let it go because it got a whole batch: it may be behind, so it catches up by itself. */
  void leftLaneBehind() {
    parked = false;
    context.runOnContext(next -> pump());
  }

  /** An envelope as the bytes every connection shares; a lag marker as this connection's own. */
  void send(Delivery<JsonObject> delivery) {
    if (delivery instanceof Envelope<JsonObject> envelope) {
      write(frames.of(envelope));
    } else {
      writeOwn(delivery, BusJson.delivery(delivery));
    }
  }

  private void fold(Delivery<JsonObject> delivery) {
    folded.add(delivery);
  }

  private void writeFolded() {
    for (Coalescer.Folded<JsonObject> each : folded.take()) {
      if (each.replaced() == 0) {
        send(each.delivery());
      } else {
        stats.coalesced(each.replaced());
        writeOwn(each.delivery(), BusJson.delivery(each.delivery()).put("coalesced", each.replaced()));
      }
    }
    sink.flush();
  }

  /** A frame only this connection sends (a lag marker, a coalesced envelope), encoded here. */
  private void writeOwn(Delivery<JsonObject> delivery, JsonObject frame) {
    long resumeFrom = delivery instanceof Envelope<JsonObject> envelope ? envelope.seq() : ((Lagged<JsonObject>) delivery).resumeAt() - 1;
    write(EncodedFrames.encode(resumeFrom, frame));
  }

  private void write(EncodedFrames.Frame frame) {
    sink.write(frame);
    stats.sent();
  }
}
