package io.thermobus.input;

import io.thermobus.control.ScheduledSetpoint;
import io.thermobus.sim.SimClock;
import io.thermobus.zone.Deadlines;
import io.thermobus.zone.ShardTimer;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * The next schedule switch of each hosted zone, in simulated time, and the shard's one timer that
 * hands each zone whose switch is due to the input shard. Owned by the shard's event loop.
 */
final class ScheduleSwitches {

  private final Deadlines switches = new Deadlines();
  private final ShardTimer timer;

  /** {@code due} runs on the shard's event loop with each zone whose switch has come. */
  ScheduleSwitches(Vertx vertx, SimClock clock, Consumer<String> due) {
    this.timer = new ShardTimer(vertx, clock, switches, () -> switches.pollDue(clock.now(), due));
  }

  /** Waits for the zone's next switch, or for none. */
  void follow(String zone, ScheduledSetpoint next) {
    if (next == null) {
      switches.cancel(zone);
    } else {
      switches.schedule(zone, next.at());
      timer.rearm();
    }
  }

  void cancel(String zone) {
    switches.cancel(zone);
  }
}
