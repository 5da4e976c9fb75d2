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
import io.thermobus.sim.SimClock;
import io.thermobus.thermostat.Thermostat.Decision;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
 */
public final class DisplayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DisplayVerticle.class);

  private final String zone;
  private final Thermostat thermostat;
  private final Duration actuatorDelay;
  private final SimClock clock;

  // All owned by this verticle's event loop.
  private Integer temperature;
  private Integer desired;
  private boolean heaterOn;
  private boolean switchPending;
  private String input = "";
  private Instant changedAt = Instant.now();

  public DisplayVerticle(String zone, Thermostat thermostat, Duration actuatorDelay, double timeScale) {
    this.zone = zone;
    this.thermostat = thermostat;
    this.actuatorDelay = actuatorDelay;
    this.clock = SimClock.system(timeScale);
  }

  @Override
  public Future<?> start() {
    return Future.all(
        onTopic(Topic.TEMPERATURE, (TemperatureChanged event) -> {
          temperature = event.centi();
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

  private void decide() {
    if (temperature == null || desired == null || switchPending) {
      return;
    }
    Decision decision = thermostat.decide(temperature, desired, heaterOn);
    if (decision == Decision.KEEP) {
      return;
    }
    boolean on = decision == Decision.SWITCH_ON;
    if (actuatorDelay.isZero()) {
      switchHeater(on);
      return;
    }
    switchPending = true;
    long due = clock.now() + actuatorDelay.toNanos();
    vertx.setTimer(clock.wallMillisUntil(due), id -> {
      switchPending = false;
      switchHeater(on);
      render(Instant.now());
      decide();
    });
  }

  private void switchHeater(boolean on) {
    heaterOn = on;
    LOG.debug("Zone {}: heater {} at {} (desired {})", zone, on ? "on" : "off", temperature, desired);
    HeaterSwitched event = new HeaterSwitched(zone, on, temperature, desired, Instant.now());
    vertx.eventBus().publish(event.topic().address(), event);
  }

  private void render(Instant at) {
    changedAt = at;
    FrameRendered frame = new FrameRendered(
        zone, temperature == null ? 0 : temperature, desired == null ? 0 : desired, heaterOn, input,
        FrameText.render(temperature, desired, heaterOn, input), at);
    vertx.eventBus().publish(frame.topic().address(), frame);
  }

  private ZoneState state() {
    return new ZoneState(zone, temperature, desired, heaterOn, input, changedAt);
  }
}
