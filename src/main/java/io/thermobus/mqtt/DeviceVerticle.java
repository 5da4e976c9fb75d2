package io.thermobus.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thermobus.cluster.ZoneOwnership;
import io.thermobus.control.ControlSettings;
import io.thermobus.event.Concern;
import io.thermobus.event.ControlChanged;
import io.thermobus.event.DesiredValues;
import io.thermobus.event.DeviceFault;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.SettingsQuery;
import io.thermobus.event.ShardQuery;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.ZoneRequests;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of zones on real devices: in place of the room, heater and heat loss of a simulated
 * zone it feeds the sensor's readings in as {@link TemperatureChanged}, exactly as a room does,
 * and carries the thermostat's {@link HeaterSwitched} out to the relay through a {@link RelayLink}.
 * A lost broker or a relay that contradicts its command is the zone's fault, told to its display
 * shard as a {@link DeviceFault}; while the broker is away every relay is commanded off, sent once
 * it is back, before the thermostat's wish is. Each relay keeps its zone's minimum on and off times,
 * learnt from the zone's input ({@link ControlChanged}); the fail-safe's offs (stale readings, a
 * lost broker, a relay that does not switch on) go at once. A relay is switched on only under this
 * node's admitted claim of the zone. Real devices run on wall time, not simulated time.
 */
public final class DeviceVerticle extends ShardVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceVerticle.class);
  static final String BROKER_LOST = "MQTT broker not connected; heater commanded off";
  /** How long a relay may take to confirm, how often an unsent or unconfirmed command is repeated. */
  static final RelayLink.Timing TIMING = new RelayLink.Timing(Duration.ofSeconds(10), Duration.ofSeconds(2));
  private static final long CHECK_MILLIS = 500;

  /** One zone on devices; owned by this verticle's event loop. */
  private static final class Device {
    final ZoneSource.Mqtt source;
    final SensorPayload sensor;
    final RelayLink relay;
    boolean wanted;
    String fault;
    boolean refused; // the ownership did not admit this node's last on: logged once until it does

    Device(ZoneSource.Mqtt source) {
      this.source = source;
      this.sensor = new SensorPayload(source.sensorField());
      this.relay = new RelayLink(TIMING, source.stateTopic().isPresent());
    }
  }

  private final Supplier<BrokerStatus> brokerStatus;
  private final ZoneOwnership ownership;
  private final MeterRegistry metrics;
  // Owned by this verticle's event loop.
  private final Map<String, Device> devices = new HashMap<>();
  private final Map<String, Set<String>> zonesByTopic = new HashMap<>();
  private final PayloadRejections rejections = new PayloadRejections(PayloadRejections.DEFAULT_INTERVAL);
  private boolean connected;

  /** {@code brokerStatus} is the connection's state now (thread-safe); without a broker no zone is on devices. */
  public DeviceVerticle(int shard, ZoneDirectory directory, Supplier<BrokerStatus> brokerStatus, ZoneOwnership ownership,
                       MeterRegistry metrics) {
    super(Concern.DEVICE, shard, directory);
    this.brokerStatus = Objects.requireNonNull(brokerStatus, "brokerStatus");
    this.ownership = Objects.requireNonNull(ownership, "ownership");
    this.metrics = metrics;
  }

  @Override
  protected boolean drives(ZoneSource source) {
    return source instanceof ZoneSource.Mqtt;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    Future<?> watching = vertx.eventBus().<BrokerStatus>localConsumer(MqttAddresses.STATUS, status -> broker(status.body()))
        .completion();
    return watching.compose(ready -> {
      connected = brokerStatus.get().connected();
      List<Future<?>> subscribed = new ArrayList<>();
      zones.forEach(spec -> subscribed.add(host(spec)));
      return Future.all(subscribed);
    }).compose(hosted -> zones.isEmpty() ? Future.succeededFuture() : currentProtections().compose(known -> lastWanted()));
  }

  /** The input shard, deployed before this one, knows each zone's protections; it tells their changes as {@link ControlChanged}. */
  private Future<Void> currentProtections() {
    return ZoneRequests.<DesiredValues>toShard(vertx.eventBus(), Concern.INPUT, shard, new ShardQuery())
        .onSuccess(values -> values.control().forEach(this::protections))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void protections(String zone, ControlSettings settings) {
    Device device = devices.get(zone);
    if (device != null) {
      device.relay.protections(settings.protections());
    }
  }

  /** At first start the display has decided nothing yet; after a redeploy of this shard it knows what the thermostat wants. */
  private Future<Void> lastWanted() {
    return ZoneRequests.states(vertx.eventBus(), shard)
        .onSuccess(states -> states.states().forEach(state -> {
          Device device = devices.get(state.zone());
          if (device != null) {
            device.wanted = state.heaterOn();
            if (connected) {
              device.relay.want(state.heaterOn());
            }
          }
        }))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  @Override
  protected void started() {
    devices.keySet().forEach(this::reportFault);
    vertx.setPeriodic(CHECK_MILLIS, id -> devices.keySet().forEach(this::pump));
  }

  /** The zone's input was added before this shard: it knows the zone's protections. */
  @Override
  protected Future<?> add(ZoneSpec spec) {
    Future<?> known = ZoneRequests.<ZoneSettings>toZone(vertx.eventBus(), directory, Concern.INPUT, spec.name(),
            new SettingsQuery(spec.name()))
        .onSuccess(settings -> protections(spec.name(), settings.control()));
    return host(spec).compose(hosted -> known).onSuccess(hosted -> reportFault(spec.name()));
  }

  /** A deleted zone's relay must not heat on unattended: one last off, as far as the broker takes it. */
  @Override
  protected Future<?> remove(String zone) {
    return release(zone, true);
  }

  /**
   * A zone another node drives now: its relay is the new owner's to command, so not a word more
   * from here, not even an off (it could switch off what the new owner just switched on).
   */
  @Override
  protected Future<?> handOver(String zone) {
    return release(zone, false);
  }

  private Future<?> release(String zone, boolean lastOff) {
    Device device = devices.remove(zone);
    rejections.forget(zone);
    if (device == null) {
      return Future.succeededFuture();
    }
    List<Future<?>> unsubscribed = new ArrayList<>();
    if (lastOff) {
      unsubscribed.add(vertx.eventBus().request(MqttAddresses.PUBLISH, command(device, false)).otherwiseEmpty());
    }
    topics(device).forEach(topic -> {
      Set<String> zones = zonesByTopic.get(topic);
      zones.remove(zone);
      if (zones.isEmpty()) {
        zonesByTopic.remove(topic);
        unsubscribed.add(vertx.eventBus().request(MqttAddresses.UNSUBSCRIBE, new MqttSubscription(topic, concern.address(shard))));
      }
    });
    return Future.all(unsubscribed);
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof MqttReceived received) {
      zonesByTopic.getOrDefault(received.topic(), Set.of()).forEach(zone -> received(zone, devices.get(zone), received));
    } else if (body instanceof HeaterSwitched switched) {
      Device device = devices.get(switched.zone());
      if (device != null) {
        device.wanted = switched.on();
        if (switched.forced()) {
          device.relay.forceOff(System.nanoTime());
        } else if (connected) {
          device.relay.want(switched.on());
        }
        pump(switched.zone());
      }
    } else if (body instanceof ControlChanged changed) {
      protections(changed.zone(), changed.settings());
    }
  }

  private Future<?> host(ZoneSpec spec) {
    Device device = new Device((ZoneSource.Mqtt) spec.source());
    devices.put(spec.name(), device);
    if (!connected) {
      device.relay.forceOff(System.nanoTime());
      device.fault = BROKER_LOST;
    }
    List<Future<?>> subscribed = new ArrayList<>();
    for (String topic : topics(device)) {
      Set<String> zones = zonesByTopic.computeIfAbsent(topic, t -> new HashSet<>());
      if (zones.isEmpty()) {
        subscribed.add(vertx.eventBus().request(MqttAddresses.SUBSCRIBE, new MqttSubscription(topic, concern.address(shard))));
      }
      zones.add(spec.name());
    }
    return Future.all(subscribed);
  }

  private static List<String> topics(Device device) {
    List<String> topics = new ArrayList<>(List.of(device.source.sensorTopic()));
    device.source.stateTopic().filter(topic -> !topic.equals(device.source.sensorTopic())).ifPresent(topics::add);
    return topics;
  }

  private void received(String zone, Device device, MqttReceived received) {
    long now = System.nanoTime();
    if (received.topic().equals(device.source.sensorTopic())) {
      SensorPayload.Reading reading = device.sensor.read(received.payload());
      if (reading instanceof SensorPayload.Accepted accepted) {
        events.publish(new TemperatureChanged(zone, accepted.centi(), Instant.now()));
      } else if (reading instanceof SensorPayload.Rejected rejected) {
        rejected(zone, received.topic(), rejected, now);
      }
    }
    if (device.source.stateTopic().filter(received.topic()::equals).isPresent()) {
      RelayReport.read(device.source, received.payload()).ifPresent(on -> {
        device.relay.confirmed(on);
        pump(zone);
      });
    }
  }

  private void rejected(String zone, String topic, SensorPayload.Rejected rejected, long now) {
    Counter.builder("thermobus.mqtt.payloads.rejected").tag("reason", rejected.reason().label())
        .description("sensor payloads ignored: not a number, NaN, out of range, broken JSON, missing field or oversized")
        .register(metrics).increment();
    rejections.record(zone, topic, rejected, now).ifPresent(LOG::warn);
  }

  private void broker(BrokerStatus status) {
    if (status.connected() == connected) {
      return;
    }
    connected = status.connected();
    long now = System.nanoTime();
    devices.forEach((zone, device) -> {
      if (!connected) {
        device.relay.forceOff(now);
      }
      pump(zone);
    });
  }

  /** Sends what the relay is due, then reports the zone's fault if it changed. */
  private void pump(String zone) {
    Device device = devices.get(zone);
    if (device == null) {
      return;
    }
    long now = System.nanoTime();
    device.relay.toSend(now).ifPresent(on -> send(zone, device, on));
    String fault = connected ? device.relay.fault(now).orElse(null) : BROKER_LOST;
    if (!Objects.equals(kind(fault), kind(device.fault))) {
      // The broker verticle logs a lost and a restored connection once for all zones; a relay's fault is the zone's own.
      if (fault != null && !fault.equals(BROKER_LOST)) {
        LOG.warn("zone {}: {}", zone, fault);
      } else if (fault == null && !BROKER_LOST.equals(device.fault)) {
        LOG.info("zone {}: its relay does as told again", zone);
      }
      device.fault = fault;
      reportFault(zone);
    }
  }

  /**
   * Publishes {@code on} to the relay; an on only once the ownership admits this node's fence for
   * the zone, as the simulated heater does, so a node that lost the zone without noticing yet never
   * switches its relay on. An off always goes, at once.
   */
  private void send(String zone, Device device, boolean on) {
    Future<Boolean> admitted = on ? ownership.admits(zone, ownership.fence(zone)) : Future.succeededFuture(true);
    admitted.onComplete(admission -> {
      if (devices.get(zone) != device || !device.relay.commands(on)) {
        return; // dropped meanwhile, or a later decision overtook this one and sends for itself
      }
      if (admission.failed() || !admission.result()) {
        if (!device.refused) {
          device.refused = true;
          LOG.warn("Zone {}: relay kept off, this node's claim is not the zone's latest: {}", zone,
              admission.failed() ? admission.cause().getMessage() : "refused");
        }
        device.relay.sent(false);
        return;
      }
      device.refused = false;
      vertx.eventBus().request(MqttAddresses.PUBLISH, command(device, on)).onComplete(done -> {
        device.relay.sent(done.succeeded());
        if (done.succeeded() && connected) {
          // The fail-safe's off is out: the thermostat's wish follows.
          device.relay.want(device.wanted);
        }
      });
    });
  }

  private static MqttPublish command(Device device, boolean on) {
    ZoneSource.Mqtt source = device.source;
    return new MqttPublish(source.heaterTopic(), on ? source.heaterOn() : source.heaterOff(), source.heaterQos(), source.heaterRetain());
  }

  /** A fault without its running count of seconds, so that it is logged and reported once, not every check. */
  private static String kind(String fault) {
    return fault == null ? null : fault.replaceAll("[0-9]+ s", "");
  }

  private void reportFault(String zone) {
    Device device = devices.get(zone);
    if (device != null) {
      vertx.eventBus().send(events.addressOf(Concern.DISPLAY, zone), new DeviceFault(zone, device.fault));
    }
  }
}
