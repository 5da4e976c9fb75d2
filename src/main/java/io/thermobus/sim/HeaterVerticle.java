package io.thermobus.sim;

import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.event.Concern;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.HeatingChanged;
import io.thermobus.event.TemperatureDelta;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of heaters: each warms its room by one step per period of continuous on-time. When it
 * is deployed again after a failure it asks the display shard which heaters should be on. A switch
 * on is stamped with this node's fence for the zone and obeyed only once the ownership admits it,
 * so a node that lost a zone without noticing yet never heats it; a switch off is always obeyed.
 */
public final class HeaterVerticle extends ThermalEffectVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(HeaterVerticle.class);

  private final ZoneOwnership ownership;
  /** The switches on awaiting admission, so that a late admission never undoes a later switch; owned by this verticle's event loop. */
  private final Map<String, HeaterSwitched> latest = new HashMap<>();

  public HeaterVerticle(int shard, ZoneDirectory directory, Physics physics, SimClock clock, ZoneOwnership ownership) {
    super(Concern.HEATER, shard, directory, TemperatureDelta.HEATER, physics::heater, clock);
    this.ownership = ownership;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> host(spec.name()));
    return Future.succeededFuture();
  }

  @Override
  protected void started() {
    ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> {
          for (ZoneState state : states.states()) {
            if (state.heaterOn()) {
              heat(state.zone(), clock.now());
            }
          }
        });
  }

  private void heat(String zone, long since) {
    activate(zone, since);
    heating(zone, true);
  }

  /** The room shard heats a thermal room by what the heater does, not by what it was told. */
  private void heating(String zone, boolean on) {
    if (hosts(zone)) {
      vertx.eventBus().send(events.addressOf(Concern.ROOM, zone), new HeatingChanged(zone, on));
    }
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof HeaterSwitched event) {
      String zone = event.zone();
      if (!event.on()) {
        latest.remove(zone);
        deactivate(zone);
        heating(zone, false);
        return;
      }
      latest.put(zone, event);
      long since = clock.now();
      long fence = ownership.fence(zone);
      ownership.admits(zone, fence).onComplete(admitted -> {
        if (latest.get(zone) != event) {
          return;
        }
        latest.remove(zone);
        if (admitted.succeeded() && admitted.result()) {
          heat(zone, since);
        } else {
          LOG.warn("Zone {}: heater kept off, this node's claim (fence {}) is not the zone's latest: {}", zone, fence,
              admitted.succeeded() ? "refused" : admitted.cause().getMessage());
        }
      });
    }
  }
}
