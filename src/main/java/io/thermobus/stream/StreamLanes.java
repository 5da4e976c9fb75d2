package io.thermobus.stream;

import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import io.thermobus.bus.SubscriptionGoneException;
import io.thermobus.bus.Wakeup;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The caught-up stream connections of one event loop, in lanes of one filter each, so that an
 * event costs one wakeup and one pass over the log per lane rather than per connection. Members of
 * a lane that are caught up all have the same events to come, so a lane sleeps on one bus wakeup,
 * armed through one member's subscription; woken, it serves every member with one
 * {@link SubscriberBus#drainAll}, each member writing the shared encoded frames, and then flushes
 * each member once: however many events the pass carried (a backlog after a pause), a connection
 * costs one write to its socket. A member that got a
 * full batch or whose sink filled up leaves the lane and goes on by itself ({@link StreamPump}),
 * and parks again once caught up.
 *
 * <p>Owned by its event loop's context: every method runs on it; the wakeup only hops onto it.
 */
public final class StreamLanes {

  private final Context context;
  private final SubscriberBus<JsonObject> bus;
  private final Map<Object, Lane> lanes = new HashMap<>();

  /** @param context the event loop whose streams it serves */
  public StreamLanes(Context context, SubscriberBus<JsonObject> bus) {
    this.context = Objects.requireNonNull(context, "context");
    this.bus = Objects.requireNonNull(bus, "bus");
  }

  /** Serves a caught-up pump from its filter's lane until it leaves. */
  void park(StreamPump pump) {
    lanes.computeIfAbsent(pump.filter(), Lane::new).park(pump);
  }

  /** Takes a closing pump out of its lane. */
  void leave(StreamPump pump) {
    Lane lane = lanes.get(pump.filter());
    if (lane != null) {
      lane.leave(pump);
      if (lane.members.isEmpty() && !lane.serving && lane.wakeup == null) {
        lanes.remove(lane.key);
      }
    }
  }

  private final class Lane {

    final Object key;
    final LinkedHashSet<StreamPump> members = new LinkedHashSet<>();
    /** Armed through {@code armedOn}'s subscription; or fired, with its pass on the way; or {@code null}. */
    Wakeup wakeup;
    StreamPump armedOn;
    boolean serving;

    Lane(Object key) {
      this.key = key;
    }

    /**
     * The wakeup moves to the newcomer: the others had nothing to read when it was armed and
     * would have fired it since, while the newcomer may have been passed by the lane's last pass.
     * A wakeup that cannot be cancelled has fired: its pass is on the way and serves it too.
     */
    void park(StreamPump pump) {
      members.add(pump);
      if (!serving && (wakeup == null || wakeup.cancel())) {
        wakeup = null;
        if (!arm(pump)) {
          members.remove(pump);
          armOnAMember();
        }
      }
    }

    void leave(StreamPump pump) {
      members.remove(pump);
      if (pump == armedOn && wakeup != null && wakeup.cancel()) {
        wakeup = null;
        armOnAMember();
      }
    }

    /**
     * Arms the lane's wakeup through its first member that is still subscribed; fires at once (a
     * pass follows) if that member already has something to read.
     */
    private void armOnAMember() {
      armedOn = null;
      Iterator<StreamPump> each = members.iterator();
      while (each.hasNext() && !arm(each.next())) {
        each.remove();
      }
    }

    /**
     * Answers false if the member's subscription is gone: it is no member any more, and its own
     * close is on the way ({@link Subscription#onClosed}).
     */
    private boolean arm(StreamPump pump) {
      try {
        wakeup = pump.subscription().onAvailable(() -> context.runOnContext(woken -> serve()));
        armedOn = pump;
        return true;
      } catch (SubscriptionGoneException unsubscribed) {
        return false;
      }
    }

    /**
     * One pass for every member that can take frames. The member the wakeup was armed through goes
     * last: arming may have moved its cursor past events the lane's filter skips, and the pass
     * shares the log walk among the members at the first one's position.
     */
    private void serve() {
      StreamPump armed = armedOn;
      wakeup = null;
      armedOn = null;
      List<StreamPump> order = new ArrayList<>(members.size());
      for (Iterator<StreamPump> each = members.iterator(); each.hasNext(); ) {
        StreamPump pump = each.next();
        if (pump.writeQueueFull()) {
          each.remove();
          pump.leftLaneCongested();
        } else if (pump != armed) {
          order.add(pump);
        }
      }
      if (armed != null && members.contains(armed)) {
        order.add(armed);
      }
      List<Subscription<JsonObject>> subscriptions = new ArrayList<>(order.size());
      for (StreamPump pump : order) {
        subscriptions.add(pump.subscription());
      }
      int[] handed = new int[order.size()];
      serving = true;
      try {
        bus.drainAll(subscriptions, StreamPump.BATCH, (member, delivery) -> {
          handed[member]++;
          order.get(member).send(delivery);
        });
      } finally {
        serving = false;
        for (int i = 0; i < order.size(); i++) {
          StreamPump pump = order.get(i);
          if (handed[i] > 0) {
            pump.flush();
          }
          if (!members.contains(pump)) {
            continue;
          }
          if (pump.writeQueueFull()) {
            members.remove(pump);
            pump.leftLaneCongested();
          } else if (handed[i] >= StreamPump.BATCH) {
            members.remove(pump);
            pump.leftLaneBehind();
          }
        }
        if (!members.isEmpty()) {
          armOnAMember();
        } else {
          lanes.remove(key);
        }
      }
    }
  }
}
