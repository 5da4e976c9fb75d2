package io.thermobus.mqtt;

import io.thermobus.event.Concern;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.mqtt.SensorPayload.Rejection;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of every zone's face on the broker: its state, retained on {@code <statePrefix>/<zone>/state}
 * at most once per {@link #FLUSH_MILLIS} while it changes, and, with discovery on, its Home Assistant
 * climate entity, announced when the zone starts or is created and removed when it is deleted (not
 * when it is handed over to another node). A target temperature on the zone's command topic goes to
 * its input shard as a {@link SetDesired}, validated, saved and published like a REST write.
 * Without a broker it hosts no zone.
 */
public final class ZoneStateVerticle extends ShardVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneStateVerticle.class);
  static final long FLUSH_MILLIS = 1_000;

  private final Optional<MqttSettings> settings;
  private final Supplier<BrokerStatus> brokerStatus;
  private final Optional<HomeAssistantDiscovery> discovery;
  // Owned by this verticle's event loop.
  private final Map<String, ZoneTopics> zones = new HashMap<>();
  private final Map<String, String> zonesByCommandTopic = new HashMap<>();
  private final Set<String> changed = new HashSet<>();
  private final PayloadRejections rejections = new PayloadRejections(PayloadRejections.DEFAULT_INTERVAL);
  private boolean connected;

  /** {@code discovery} is present when {@code mqttDiscovery} is on; {@code brokerStatus} is the connection's state now. */
  public ZoneStateVerticle(int shard, ZoneDirectory directory, Optional<MqttSettings> settings,
                           Supplier<BrokerStatus> brokerStatus, Optional<HomeAssistantDiscovery> discovery) {
    super(Concern.MQTT_STATE, shard, directory);
    this.settings = settings;
    this.brokerStatus = brokerStatus;
    this.discovery = discovery;
  }

  @Override
  protected boolean drives(ZoneSource source) {
    return settings.isPresent();
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> specs) {
    if (settings.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<?> watching = vertx.eventBus().<BrokerStatus>localConsumer(MqttAddresses.STATUS, status -> broker(status.body()))
        .completion();
    List<Future<?>> subscribed = new ArrayList<>();
    specs.forEach(spec -> subscribed.add(host(spec.name())));
    return watching.compose(ready -> {
      connected = brokerStatus.get().connected();
      return Future.all(subscribed);
    });
  }

  @Override
  protected void started() {
    if (settings.isPresent()) {
      zones.keySet().forEach(this::announce);
      vertx.setPeriodic(FLUSH_MILLIS, id -> flush());
    }
  }

  @Override
  protected Future<?> add(ZoneSpec spec) {
    return host(spec.name()).onSuccess(hosted -> announce(spec.name()));
  }

  /** A deleted zone's retained state is cleared and its entity removed. */
  @Override
  protected Future<?> remove(String zone) {
    return release(zone, true);
  }

  /** A zone another node drives now keeps its retained state and its entity: the new owner publishes them. */
  @Override
  protected Future<?> handOver(String zone) {
    return release(zone, false);
  }

  private Future<?> release(String zone, boolean deleted) {
    ZoneTopics topics = zones.remove(zone);
    changed.remove(zone);
    rejections.forget(zone);
    if (topics == null) {
      return Future.succeededFuture();
    }
    zonesByCommandTopic.remove(topics.desiredCommand());
    List<Future<?>> done = new ArrayList<>();
    done.add(vertx.eventBus().request(MqttAddresses.UNSUBSCRIBE, new MqttSubscription(topics.desiredCommand(), concern.address(shard))));
    if (deleted) {
      // An empty retained message clears the broker's copy of the state; the empty config removes the entity.
      done.add(publish(new MqttPublish(topics.state(), "", 1, true)));
      discovery.ifPresent(d -> done.add(publish(d.removal(zone))));
    }
    return Future.join(done).otherwiseEmpty();
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof FrameRendered frame && zones.containsKey(frame.zone())) {
      changed.add(frame.zone());
    } else if (body instanceof MqttReceived received) {
      String zone = zonesByCommandTopic.get(received.topic());
      if (zone != null) {
        command(zone, received);
      }
    }
  }

  private Future<?> host(String zone) {
    ZoneTopics topics = ZoneTopics.of(settings.get().statePrefix(), zone);
    zones.put(zone, topics);
    zonesByCommandTopic.put(topics.desiredCommand(), zone);
    changed.add(zone);
    return vertx.eventBus().request(MqttAddresses.SUBSCRIBE, new MqttSubscription(topics.desiredCommand(), concern.address(shard)));
  }

  private void announce(String zone) {
    discovery.ifPresent(d -> publish(d.announcement(zone)));
  }

  private void broker(BrokerStatus status) {
    boolean was = connected;
    connected = status.connected();
    if (connected && !was) {
      // A broker without persistence forgot the retained messages: say them again.
      zones.keySet().forEach(this::announce);
      changed.addAll(zones.keySet());
    }
  }

  /** A target temperature from Home Assistant (or anyone) on the command topic: applied like a REST write. */
  private void command(String zone, MqttReceived received) {
    Optional<BigDecimal> celsius = received.payload().length() > SensorPayload.MAX_LENGTH ? Optional.empty()
        : PlainNumber.parse(received.payload().strip());
    if (celsius.isEmpty()) {
      refused(zone, received.topic(), new SensorPayload.Rejected(Rejection.NOT_A_NUMBER, "a target that is not a number"));
      return;
    }
    ZoneRequests.toZone(vertx.eventBus(), directory, Concern.INPUT, zone, new SetDesired(zone, celsius.get(), "mqtt"))
        .onFailure(failure -> refused(zone, received.topic(),
            new SensorPayload.Rejected(Rejection.OUT_OF_RANGE, "target refused: " + failure.getMessage())));
  }

  private void refused(String zone, String topic, SensorPayload.Rejected rejected) {
    rejections.record(zone, topic, rejected, System.nanoTime()).ifPresent(LOG::warn);
  }

  /** Publishes the states that changed since the last flush, read from the display shard in one request. */
  private void flush() {
    if (changed.isEmpty() || !connected) {
      return;
    }
    Set<String> due = new HashSet<>(changed);
    changed.clear();
    ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> {
          for (ZoneState state : states.states()) {
            ZoneTopics topics = zones.get(state.zone());
            if (topics != null && due.contains(state.zone())) {
              publish(ZoneStateMessage.of(topics, state)).onFailure(failure -> changed.add(state.zone()));
            }
          }
        })
        .onFailure(failure -> changed.addAll(due));
  }

  private Future<?> publish(MqttPublish message) {
    return vertx.eventBus().request(MqttAddresses.PUBLISH, message);
  }
}
