package io.thermobus.bus.remote;

import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.StartAt;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.SubscriptionGoneException;
import io.thermobus.bus.SubscriptionInfo;
import io.thermobus.bus.UnknownSubscriptionException;
import io.thermobus.bus.Wakeup;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneName;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bus's remote operations on JSON, shared by the event-bus addresses and the HTTP routes:
 * validates requests (refusing with a {@link BusException}) and long-polls without busy waiting.
 * Stateless apart from the thread-safe bus, so any verticle may use it from its own context.
 */
public final class BusService {

  public static final int MAX_TOPICS = 32;
  public static final int MAX_BATCH = 1000;
  private static final String BAD_ZONE = "zone must be 1 to 32 of a-z, 0-9, '_' and '-'";
  public static final int DEFAULT_BATCH = 100;

  private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Set<String> DOMAIN_TOPICS =
      Arrays.stream(Topic.values()).map(Topic::wireName).collect(Collectors.toUnmodifiableSet());

  private final SubscriberBus<JsonObject> bus;
  private final Duration lease;
  private final long maxWaitMs;

  public BusService(SubscriberBus<JsonObject> bus, Duration lease, long maxWaitMs) {
    this.bus = bus;
    this.lease = lease;
    this.maxWaitMs = maxWaitMs;
  }

  public SubscriberBus<JsonObject> bus() {
    return bus;
  }

  public long maxWaitMs() {
    return maxWaitMs;
  }

  /** {@code {"topics":[...],"zone":"home","from":"latest"|"earliest"|SEQ|"ISO instant"}}, each optional. */
  public JsonObject subscribe(JsonObject request) {
    List<String> topics = topics(request.getValue("topics"));
    Object zone = request.getValue("zone");
    if (zone != null && !(zone instanceof String name && ZoneName.isValid(name))) {
      throw new BusException(400, BAD_ZONE);
    }
    StartAt from = startAt(request.getValue("from"));
    return BusJson.subscription(bus.subscribeDetached(topics, (String) zone, from, lease));
  }

  /**
   * Drains up to {@code max} deliveries; when there are none and {@code waitMs > 0}, waits for
   * the bus's wakeup (no polling) or the timeout, and completes on {@code context}.
   */
  public Future<JsonObject> drain(long id, int max, long waitMs, Context context) {
    if (max < 1 || max > MAX_BATCH) {
      return Future.failedFuture(new BusException(400, "max must be between 1 and " + MAX_BATCH));
    }
    if (waitMs < 0 || waitMs > maxWaitMs) {
      return Future.failedFuture(new BusException(400, "waitMs must be between 0 and " + maxWaitMs));
    }
    List<Delivery<JsonObject>> ready;
    try {
      ready = bus.drain(id, max);
    } catch (RuntimeException e) {
      return Future.failedFuture(refusal(e, id));
    }
    if (!ready.isEmpty() || waitMs == 0) {
      return Future.succeededFuture(BusJson.events(ready));
    }
    return longPoll(id, max, waitMs, context);
  }

  private Future<JsonObject> longPoll(long id, int max, long waitMs, Context context) {
    Promise<JsonObject> answer = Promise.promise();
    long[] timer = {-1};
    Wakeup wakeup = bus.onAvailable(id, () -> context.runOnContext(woken -> {
      if (timer[0] >= 0) {
        context.owner().cancelTimer(timer[0]);
      }
      answer.tryComplete(null);
    }));
    context.runOnContext(armed -> {
      if (!answer.future().isComplete()) {
        timer[0] = context.owner().setTimer(waitMs, fired -> {
          if (wakeup.cancel()) {
            answer.tryComplete(null);
          }
        });
      }
    });
    return answer.future().compose(woken -> {
      try {
        return Future.succeededFuture(BusJson.events(bus.drain(id, max)));
      } catch (RuntimeException e) {
        return Future.failedFuture(refusal(e, id));
      }
    });
  }

  /** Tombstones the subscription; idempotent for ids that were issued. */
  public JsonObject unsubscribe(long id) {
    try {
      bus.unsubscribe(id);
      return BusJson.subscription(bus.info(id));
    } catch (SubscriptionGoneException swept) {
      return new JsonObject().put("id", id).put("state", "tombstoned");
    } catch (RuntimeException e) {
      throw refusal(e, id);
    }
  }

  /** {@code {"topic":"t","zone":"z","data":{...}}}: a custom event, never a domain topic. */
  public JsonObject publish(JsonObject request, String defaultZone) {
    String topic = text(request.getValue("topic"), "topic");
    if (!TOPIC.matcher(topic).matches()) {
      throw new BusException(400, "topic must be 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
    }
    if (DOMAIN_TOPICS.contains(topic)) {
      throw new BusException(400, "'" + topic + "' is a domain topic; only the service publishes it");
    }
    Object zoneValue = request.getValue("zone");
    String zone = zoneValue == null ? defaultZone : text(zoneValue, "zone");
    if (!ZoneName.isValid(zone)) {
      throw new BusException(400, BAD_ZONE);
    }
    Object data = request.getValue("data");
    if (data != null && !(data instanceof JsonObject)) {
      throw new BusException(400, "data must be a JSON object");
    }
    Envelope<JsonObject> envelope = bus.publish(topic, zone, data == null ? new JsonObject() : (JsonObject) data);
    return BusJson.envelope(envelope);
  }

  public JsonObject introspect() {
    return BusJson.introspection(bus.snapshot());
  }

  /** Maps the bus's id failures to 404 (never issued) and 410 (unsubscribed or expired). */
  public static BusException refusal(RuntimeException failure, long id) {
    if (failure instanceof SubscriptionGoneException) {
      return new BusException(410, "subscription " + id + " is gone: it was unsubscribed or its lease expired");
    }
    if (failure instanceof UnknownSubscriptionException) {
      return new BusException(404, "no subscription " + id + " was ever issued");
    }
    if (failure instanceof BusException bus) {
      return bus;
    }
    throw failure;
  }

  private static List<String> topics(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new BusException(400, "topics must be an array of topic names");
    }
    if (array.size() > MAX_TOPICS) {
      throw new BusException(400, "at most " + MAX_TOPICS + " topics");
    }
    List<String> topics = new ArrayList<>();
    for (Object topic : array) {
      if (!(topic instanceof String name) || !TOPIC.matcher(name).matches()) {
        throw new BusException(400, "topics must be topic names such as \"temperature\", got " + topic);
      }
      topics.add(name);
    }
    return topics;
  }

  private StartAt startAt(Object from) {
    if (from == null || "latest".equals(from)) {
      return StartAt.latest();
    }
    if ("earliest".equals(from)) {
      return StartAt.earliest();
    }
    if (from instanceof Integer || from instanceof Long) {
      long seq = ((Number) from).longValue();
      if (seq < 1) {
        throw new BusException(400, "from as a seq must be 1 or more");
      }
      return StartAt.seq(seq);
    }
    if (from instanceof String text) {
      try {
        return StartAt.time(Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw new BusException(400, "from must be \"latest\", \"earliest\", a seq or an ISO-8601 instant, got \"" + text + "\"");
      }
    }
    throw new BusException(400, "from must be \"latest\", \"earliest\", a seq or an ISO-8601 instant");
  }

  private static String text(Object value, String field) {
    if (!(value instanceof String text)) {
      throw new BusException(400, field + " must be a string");
    }
    return text;
  }

  /** Runs a synchronous operation, turning a refusal into a failed future. */
  public static Future<JsonObject> attempt(Supplier<JsonObject> operation) {
    try {
      return Future.succeededFuture(operation.get());
    } catch (BusException e) {
      return Future.failedFuture(e);
    }
  }
}
