package io.thermobus.event;

import io.thermobus.Json;
import io.thermobus.analytics.Analytics;
import io.thermobus.control.ControlSettings;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.ZoneAdded;
import io.thermobus.zone.ZoneRemoved;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries an immutable record over the Vert.x event bus: by reference inside one JVM (records are
 * immutable, so sharing is safe), as JSON between cluster nodes.
 */
public final class EventCodec<T extends Record> implements MessageCodec<T, T> {

  private final Class<T> type;

  private EventCodec(Class<T> type) {
    this.type = type;
  }

  /** Registers a codec for every record type that crosses the event bus. Call once per Vert.x instance. */
  public static void registerAll(EventBus eventBus) {
    for (Topic topic : Topic.values()) {
      register(eventBus, topic.eventType());
    }
    register(eventBus, TemperatureDelta.class);
    register(eventBus, DeviceFault.class);
    register(eventBus, KeyPressed.class);
    register(eventBus, SetDesired.class);
    register(eventBus, ZoneState.class);
    register(eventBus, StateQuery.class);
    register(eventBus, ShardQuery.class);
    register(eventBus, ZoneStates.class);
    register(eventBus, DesiredValues.class);
    register(eventBus, SetControl.class);
    register(eventBus, SettingsQuery.class);
    register(eventBus, SetWindow.class);
    register(eventBus, WindowChanged.class);
    register(eventBus, HeatingChanged.class);
    register(eventBus, OpenWindows.class);
    register(eventBus, SetZoneSettings.SetPreset.class);
    register(eventBus, SetZoneSettings.SetPresets.class);
    register(eventBus, SetZoneSettings.SetSchedule.class);
    register(eventBus, ZoneSettings.class);
    register(eventBus, ControlSettings.class);
    register(eventBus, ControlChanged.class);
    register(eventBus, UpcomingSetpoint.class);
    register(eventBus, HistoryQuery.class);
    register(eventBus, AnalyticsQuery.class);
    register(eventBus, Analytics.class);
    register(eventBus, ZoneAdded.class);
    register(eventBus, ZoneRemoved.class);
  }

  /** Registers a codec for one more record type, for packages whose events are not zone topics (MQTT). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void register(EventBus eventBus, Class<?> type) {
    eventBus.registerDefaultCodec((Class) type, new EventCodec(type));
  }

  @Override
  public void encodeToWire(Buffer buffer, T record) {
    byte[] bytes = Json.bytes(record);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return Json.read(buffer.getBytes(pos + 4, pos + 4 + length), type);
  }

  @Override
  public T transform(T record) {
    return record;
  }

  @Override
  public String name() {
    return "thermobus." + type.getSimpleName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
