package io.thermobus.thermostat;

import io.thermobus.event.Addresses;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.InputReceived;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.thermobus.event.ZoneState;
import io.thermobus.sim.Centi;
import io.thermobus.sim.SimClock;
import io.thermobus.thermostat.Thermostat.Decision;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display of one zone, as in the chapter: it watches temperature, desired temperature and
 * input, makes the thermostat decision (it is the single writer of "heater on") and renders a
 * frame whenever a subject changes, immediately on every input. It also answers the zone's state.
 * It fails safe: when no temperature reading arrives for the stale timeout it commands the heater
 * off and reports the fault until readings return. Before the first reading it is waiting, not in
 * a fault: the heater stays off (it is commanded off once the first reading is overdue).
 */
public final class DisplayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DisplayVerticle.class);
  private static final Duration MIN_STALE_WALL = Duration.ofSeconds(1);

  private final String zone;
  private final Thermostat thermostat;
  private final Duration actuatorDelay;
  private final SimClock clock;
  private final Duration staleTimeout;

  // All owned by this verticle's event loop.
  private Integer temperature;
  private Integer desired;
  private boolean heaterOn;
  // After a (re)start the heater may be in either state: the first decision is always sent.
  private boolean heaterCommanded;
  private long pendingSwitch = -1;
  private String input = "";
  private Instant changedAt = Instant.now();
  private SensorWatch sensor;
  private String fault;

  public DisplayVerticle(String zone, Thermostat thermostat, Duration actuatorDelay, double timeScale, Duration staleTimeout) {
    this.zone = zone;
    this.thermostat = thermostat;
    this.actuatorDelay = actuatorDelay;
    this.clock = SimClock.system(timeScale);
    // At high time scales a few simulated seconds are a few wall milliseconds, less than a GC
    // pause on a busy machine: never call readings stale before a wall second has passed.
    this.staleTimeout = max(staleTimeout, Duration.ofNanos((long) (MIN_STALE_WALL.toNanos() * timeScale)));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public Future<?> start() {
    sensor = new SensorWatch(staleTimeout, clock.now());
    long checkEvery = Math.max(10, clock.wallMillisUntil(clock.now() + staleTimeout.toNanos()) / 4);
    vertx.setPeriodic(checkEvery, id -> checkReadings());
    return Future.all(
        currentDesired(),
        onTopic(Topic.TEMPERATURE, (TemperatureChanged event) -> {
          temperature = event.centi();
          if (sensor.reading(clock.now())) {
            LOG.info("Zone {}: temperature readings are back ({} °C); leaving the fail-safe state", zone, Centi.format(temperature));
            fault = null;
          }
          decideAndRender(event);
        }),
        onTopic(Topic.DESIRED, (DesiredChanged event) -> {
          desired = event.centi();
          decideAndRender(event);
        }),
        onTopic(Topic.INPUT, (InputReceived event) -> {
          input = event.trace();
          render(event.at());
        }),
        vertx.eventBus().<Object>consumer(Addresses.zoneState(zone), message -> message.reply(state())).completion());
  }

  /** At first start the input is not deployed yet; after a redeploy of this display it knows the setting. */
  private Future<Void> currentDesired() {
    return vertx.eventBus()
        .<Integer>request(Addresses.desired(zone), null, new DeliveryOptions().setSendTimeout(2_000))
        .onSuccess(reply -> {
          if (desired == null) {
            desired = reply.body();
          }
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private <E extends ZoneEvent> Future<Void> onTopic(Topic topic, Consumer<E> handler) {
    MessageConsumer<E> consumer = vertx.eventBus().consumer(topic.address(), (Message<E> message) -> {
      if (message.body().zone().equals(zone)) {
        handler.accept(message.body());
      }
    });
    return consumer.completion();
  }

  private void decideAndRender(ZoneEvent cause) {
    decide();
    render(cause.at());
  }

  private void checkReadings() {
    switch (sensor.check(clock.now())) {
      case NONE -> { }
      case FIRST_READING_OVERDUE -> {
        // Nothing decided yet, but a redeployed display cannot know what its predecessor switched on.
        LOG.info("Zone {}: still waiting for a first temperature reading after {} simulated s; heater kept off",
            zone, sensor.silence(clock.now()).toSeconds());
        switchHeater(false);
        render(Instant.now());
      }
      case STALE -> failSafe();
    }
  }

  private void failSafe() {
    fault = "no temperature reading for " + sensor.silence(clock.now()).toSeconds() + " simulated s (stale timeout "
        + staleTimeout.toSeconds() + " s); heater forced off";
    LOG.warn("Zone {}: {}", zone, fault);
    if (pendingSwitch >= 0) {
      vertx.cancelTimer(pendingSwitch);
      pendingSwitch = -1;
    }
    switchHeater(false);
    render(Instant.now());
  }

  private void decide() {
    if (temperature == null || desired == null || pendingSwitch >= 0 || fault != null) {
      return;
    }
    Decision decision = thermostat.decide(temperature, desired, heaterOn);
    if (decision == Decision.KEEP && heaterCommanded) {
      return;
    }
    boolean on = decision == Decision.KEEP ? heaterOn : decision == Decision.SWITCH_ON;
    if (actuatorDelay.isZero()) {
      switchHeater(on);
      return;
    }
    long due = clock.now() + actuatorDelay.toNanos();
    pendingSwitch = vertx.setTimer(clock.wallMillisUntil(due), id -> {
      pendingSwitch = -1;
      switchHeater(on);
      render(Instant.now());
      decide();
    });
  }

  private void switchHeater(boolean on) {
    heaterOn = on;
    heaterCommanded = true;
    HeaterSwitched event = new HeaterSwitched(zone, on, temperature, desired, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }

  private void render(Instant at) {
    changedAt = at;
    FrameRendered frame = new FrameRendered(
        zone, temperature == null ? 0 : temperature, desired == null ? 0 : desired, heaterOn, input,
        FrameText.render(temperature, desired, heaterOn, input, sensor.readings(), fault), at);
    vertx.eventBus().publish(frame.topic().address(), frame);
  }

  private ZoneState state() {
    return new ZoneState(zone, temperature, desired, heaterOn, input, changedAt, sensor.readings(), fault);
  }
}
