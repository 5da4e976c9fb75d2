package io.thermobus.device;

import io.thermobus.mqtt.BrokerStatus;
import io.thermobus.mqtt.MqttAddresses;
import io.thermobus.mqtt.MqttBrokerVerticle;
import io.thermobus.mqtt.MqttPublish;
import io.thermobus.mqtt.MqttReceived;
import io.thermobus.mqtt.MqttSubscription;
import io.thermobus.sim.Centi;
import io.thermobus.sim.Physics;
import io.thermobus.sim.SimClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated room behind a sensor and a relay on the broker: it publishes each new temperature,
 * switches its heater on {@code ON}/{@code OFF} and confirms the relay's state (retained), and says
 * both again whenever the connection comes back. It talks to the broker through the node's
 * {@link MqttBrokerVerticle}, which keeps reconnecting.
 */
public final class VirtualDeviceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(VirtualDeviceVerticle.class);

  private final DeviceSettings settings;
  private final DeviceTopics topics;
  private final SimClock clock;
  private final String inbox;
  // Owned by this verticle's event loop.
  private VirtualRoom room;
  private long timerId = -1;

  public VirtualDeviceVerticle(DeviceSettings settings) {
    this.settings = settings;
    this.topics = settings.topics();
    this.clock = SimClock.system(settings.timeScale());
    this.inbox = "thermobus.device." + settings.zone() + ".commands";
  }

  /** Deploys the broker connection and the device on {@code vertx}. */
  public static Future<String> deploy(Vertx vertx, DeviceSettings settings) {
    MqttAddresses.registerCodecs(vertx.eventBus());
    return vertx.deployVerticle(new MqttBrokerVerticle(settings.mqtt()))
        .compose(broker -> vertx.deployVerticle(new VirtualDeviceVerticle(settings)));
  }

  @Override
  public Future<?> start() {
    room = new VirtualRoom(settings.initialCenti(), Physics.CHAPTER, clock.now());
    MessageConsumer<MqttReceived> commands = vertx.eventBus().consumer(inbox, this::onCommand);
    MessageConsumer<BrokerStatus> status = vertx.eventBus().consumer(MqttAddresses.STATUS, this::onStatus);
    return Future.all(commands.completion(), status.completion())
        .compose(ready -> vertx.eventBus().request(MqttAddresses.SUBSCRIBE, new MqttSubscription(topics.heaterSet(), inbox)))
        .onSuccess(subscribed -> {
          announce();
          arm();
        });
  }

  private void onStatus(Message<BrokerStatus> message) {
    if (message.body().connected()) {
      announce();
    }
  }

  private void onCommand(Message<MqttReceived> message) {
    String payload = message.body().payload().strip();
    boolean on;
    if (payload.equalsIgnoreCase(DeviceTopics.ON)) {
      on = true;
    } else if (payload.equalsIgnoreCase(DeviceTopics.OFF)) {
      on = false;
    } else {
      LOG.warn("device {}: ignored '{}' on {}: send ON or OFF", settings.zone(),
          payload.length() > 20 ? payload.substring(0, 20) + "…" : payload, topics.heaterSet());
      return;
    }
    advance();
    if (on != room.heaterOn()) {
      room.switchHeater(on, clock.now());
      LOG.debug("device {}: heater {}", settings.zone(), on ? "on" : "off");
      arm();
    }
    confirm();
  }

  private void fire() {
    timerId = -1;
    advance();
    arm();
  }

  private void advance() {
    if (room.advance(clock.now())) {
      reading();
    }
  }

  private void arm() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerId = vertx.setTimer(clock.wallMillisUntil(room.nextDue()), id -> fire());
  }

  private void announce() {
    reading();
    confirm();
  }

  private void reading() {
    send(new MqttPublish(topics.temperature(), Centi.format(room.temperatureCenti()), 0, false));
  }

  private void confirm() {
    send(new MqttPublish(topics.heater(), room.heaterOn() ? DeviceTopics.ON : DeviceTopics.OFF, 1, true));
  }

  /** While the broker is away a message is dropped, as a real sensor's would be; the next one follows the reconnection. */
  private void send(MqttPublish message) {
    vertx.eventBus().request(MqttAddresses.PUBLISH, message)
        .onFailure(error -> LOG.debug("device {}: not published on {}: {}", settings.zone(), message.topic(), error.getMessage()));
  }
}
