package io.thermobus.bus.remote;

import io.thermobus.bus.BusSnapshot;
import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.Lagged;
import io.thermobus.bus.SubscriptionInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** The bus's wire shapes (DESIGN §4): envelopes, lag markers, subscriptions and introspection. */
public final class BusJson {

  private BusJson() {}

  public static JsonObject delivery(Delivery<JsonObject> delivery) {
    if (delivery instanceof Envelope<JsonObject> envelope) {
      return envelope(envelope);
    }
    Lagged<JsonObject> lagged = (Lagged<JsonObject>) delivery;
    return new JsonObject().put("lagged", lagged.lagged()).put("resumeAt", lagged.resumeAt());
  }

  public static JsonObject envelope(Envelope<JsonObject> envelope) {
    return new JsonObject()
        .put("seq", envelope.seq())
        .put("topic", envelope.topic())
        .put("zone", envelope.zone())
        .put("at", envelope.at().toString())
        .put("data", envelope.data());
  }

  public static JsonObject events(List<Delivery<JsonObject>> deliveries) {
    JsonArray events = new JsonArray();
    deliveries.forEach(delivery -> events.add(delivery(delivery)));
    return new JsonObject().put("events", events);
  }

  public static JsonObject subscription(SubscriptionInfo info) {
    return new JsonObject()
        .put("id", info.id())
        .put("topics", new JsonArray(info.topics()))
        .put("state", info.state().name().toLowerCase(Locale.ROOT))
        .put("next", info.next())
        .put("lag", info.lag())
        .put("leaseExpiresAt", info.leaseExpiresAt() == null ? null : info.leaseExpiresAt().toString());
  }

  public static JsonObject introspection(BusSnapshot snapshot) {
    JsonArray subscriptions = new JsonArray();
    snapshot.subscriptions().forEach(info -> subscriptions.add(subscription(info)));
    return new JsonObject()
        .put("subscriptions", subscriptions)
        .put("nextAfter", snapshot.more() ? snapshot.subscriptions().get(snapshot.subscriptions().size() - 1).id() : null)
        .put("live", snapshot.live())
        .put("tombstoned", snapshot.tombstoned())
        .put("sweeps", snapshot.sweeps())
        .put("published", snapshot.published())
        .put("retained", snapshot.retained())
        .put("oldestSeq", snapshot.oldestSeq())
        .put("lagged", snapshot.laggedMarkers())
        .put("publishRate", Math.round(snapshot.publishRate() * 100) / 100.0);
  }
}
