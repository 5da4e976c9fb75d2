package io.thermobus.event;

import io.thermobus.zone.ZoneDirectory;
import io.vertx.core.eventbus.EventBus;

/**
 * Publishes a zone event where it is wanted: on its topic's address for node-wide observers, and
 * to the shard of each consuming concern that hosts its zone. Delivering an event costs the same
 * however many zones exist. Thread-safe.
 */
public final class ZoneEvents {

  private final EventBus eventBus;
  private final ZoneDirectory directory;

  public ZoneEvents(EventBus eventBus, ZoneDirectory directory) {
    this.eventBus = eventBus;
    this.directory = directory;
  }

  public void publish(ZoneEvent event) {
    Topic topic = event.topic();
    eventBus.publish(topic.address(), event);
    if (topic.consumers().isEmpty()) {
      return;
    }
    int shard = directory.shardOf(event.zone());
    for (Concern concern : topic.consumers()) {
      eventBus.send(concern.address(shard), event);
    }
  }

  /** The address of the shard of {@code concern} that hosts {@code zone}. */
  public String addressOf(Concern concern, String zone) {
    return concern.address(directory.shardOf(zone));
  }
}
