package io.thermobus.bus.remote;

import io.thermobus.Refusal;
import io.thermobus.bus.Delivery;
import io.thermobus.bus.Envelope;
import io.thermobus.bus.StartAt;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.SubscriptionGoneException;
import io.thermobus.bus.SubscriptionInfo;
import io.thermobus.bus.TooManySubscriptionsException;
import io.thermobus.bus.UnknownSubscriptionException;
import io.thermobus.bus.Wakeup;
import io.thermobus.event.Topic;
import io.thermobus.event.TopicName;
import io.thermobus.event.ZoneName;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bus's remote operations on JSON, shared by the event-bus addresses and the HTTP routes:
 * validates requests and long-polls without busy waiting. An operation refuses with a
 * {@link Refusal}: thrown at once, or as the cause of the future it returns.
 * Stateless apart from the thread-safe bus, so any verticle may use it from its own context.
 */
public final class BusService {

  public static final int MAX_BATCH = 1000;
  public static final int DEFAULT_BATCH = 100;
  public static final int MAX_PAGE = 1000;
  public static final int DEFAULT_PAGE = 100;

  private static final String BAD_ZONE = "zone must be 1 to 32 of a-z, 0-9, '_' and '-'";

  private static final Set<String> DOMAIN_TOPICS =
      Arrays.stream(Topic.values()).map(Topic::wireName).collect(Collectors.toUnmodifiableSet());

  /** 256 random bits, like a session key: guessing one is hopeless. */
  private static final int SECRET_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final SubscriberBus<JsonObject> bus;
  private final Duration lease;
  /** When a full bus may next have room: its sweep interval. */
  private final Duration sweepHint;
  private final long maxWaitMs;

  public BusService(SubscriberBus<JsonObject> bus, Duration lease, Duration sweepInterval, long maxWaitMs) {
    this.bus = bus;
    this.lease = lease;
    this.sweepHint = sweepInterval;
    this.maxWaitMs = maxWaitMs;
  }

  public SubscriberBus<JsonObject> bus() {
    return bus;
  }

  public long maxWaitMs() {
    return maxWaitMs;
  }

  /**
   * {@code {"topics":[...],"zone":"home","from":"latest"|"earliest"|SEQ|"ISO instant"}}, each
   * optional. The answer is the only place its {@code secret} is shown: whoever reads or ends the
   * subscription must show it (or be the operator).
   */
  public JsonObject subscribe(JsonObject request) {
    List<String> topics = topics(request.getValue("topics"));
    Object zone = request.getValue("zone");
    if (zone != null && !(zone instanceof String name && ZoneName.isValid(name))) {
      throw Refusal.badRequest(BAD_ZONE);
    }
    StartAt from = startAt(request.getValue("from"));
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      SubscriptionInfo created = bus.subscribeDetached(topics, (String) zone, from, lease, secret.getBytes(StandardCharsets.UTF_8));
      return BusJson.subscription(created).put("secret", secret);
    } catch (TooManySubscriptionsException e) {
      throw Refusal.retryAfter(429, Math.max(1, (sweepHint.toMillis() + 999) / 1000), e.getMessage() + "; retry once some are unsubscribed or expire");
    }
  }

  /**
   * Drains up to {@code max} deliveries; when there are none and {@code waitMs > 0}, waits for
   * the bus's wakeup (no polling) or the timeout, and completes on {@code context}. Refuses bad
   * arguments and dead ids at once; the future fails only if the subscription dies while waiting.
   */
  public Future<JsonObject> drain(long id, BusCaller caller, long requestedMax, long waitMs, Context context) {
    if (requestedMax < 1 || requestedMax > MAX_BATCH) {
      throw Refusal.badRequest("max must be between 1 and " + MAX_BATCH);
    }
    int max = (int) requestedMax;
    if (waitMs < 0 || waitMs > maxWaitMs) {
      throw Refusal.badRequest("waitMs must be between 0 and " + maxWaitMs);
    }
    List<Delivery<JsonObject>> ready;
    try {
      authorize(id, caller);
      ready = bus.drain(id, max);
    } catch (RuntimeException e) {
      throw refusal(e, id);
    }
    if (!ready.isEmpty() || waitMs == 0) {
      return Future.succeededFuture(BusJson.events(ready));
    }
    return longPoll(id, max, waitMs, context);
  }

  /**
   * Waits on {@code context} for a wakeup or the timeout. A wakeup that finds nothing to deliver
   * (an event before the cursor's start, such as one published between two reads) arms again:
   * only a delivery, the subscription's end or the timeout answers.
   */
  private Future<JsonObject> longPoll(long id, int max, long waitMs, Context context) {
    Promise<JsonObject> answer = Promise.promise();
    Wakeup[] armed = new Wakeup[1];
    context.runOnContext(start -> {
      long timer = context.owner().setTimer(waitMs, fired -> {
        armed[0].cancel();
        try {
          answer.tryComplete(events(id, max));
        } catch (RuntimeException e) {
          answer.tryFail(e);
        }
      });
      answer.future().onFailure(failed -> context.owner().cancelTimer(timer));
      arm(id, max, context, answer, armed, timer);
    });
    return answer.future();
  }

  private void arm(long id, int max, Context context, Promise<JsonObject> answer, Wakeup[] armed, long timer) {
    try {
      armed[0] = bus.onAvailable(id, () -> context.runOnContext(woken -> {
        if (answer.future().isComplete()) {
          return;
        }
        try {
          List<Delivery<JsonObject>> ready = bus.drain(id, max);
          if (ready.isEmpty()) {
            arm(id, max, context, answer, armed, timer);
          } else {
            context.owner().cancelTimer(timer);
            answer.complete(BusJson.events(ready));
          }
        } catch (RuntimeException e) {
          answer.tryFail(refusal(e, id));
        }
      }));
    } catch (RuntimeException e) {
      answer.tryFail(refusal(e, id));
    }
  }

  /** What a drain answers now; a subscription that died in the meantime answers its refusal. */
  private JsonObject events(long id, int max) {
    try {
      return BusJson.events(bus.drain(id, max));
    } catch (RuntimeException e) {
      throw refusal(e, id);
    }
  }

  /** Tombstones the subscription; idempotent for ids that were issued, for anyone once it is gone. */
  public JsonObject unsubscribe(long id, BusCaller caller) {
    try {
      authorize(id, caller);
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
    if (!TopicName.isValid(topic)) {
      throw Refusal.badRequest("topic must be " + TopicName.RULE);
    }
    if (DOMAIN_TOPICS.contains(topic)) {
      throw Refusal.badRequest("'" + topic + "' is a domain topic; only the service publishes it");
    }
    Object zoneValue = request.getValue("zone");
    String zone = zoneValue == null ? defaultZone : text(zoneValue, "zone");
    if (!ZoneName.isValid(zone)) {
      throw Refusal.badRequest(BAD_ZONE);
    }
    Object data = request.getValue("data");
    if (data != null && !(data instanceof JsonObject)) {
      throw Refusal.badRequest("data must be a JSON object");
    }
    Envelope<JsonObject> envelope = bus.publish(topic, zone, data == null ? new JsonObject() : (JsonObject) data);
    return BusJson.envelope(envelope);
  }

  /**
   * One page of the introspection: the subscriptions with ids above {@code after} (-1: from the
   * first), at most {@code limit}, with the totals of all; {@code nextAfter} is the next page's
   * {@code after} while more remain, else null.
   */
  public JsonObject introspect(long after, long limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw Refusal.badRequest("limit must be between 1 and " + MAX_PAGE);
    }
    if (after < -1) {
      throw Refusal.badRequest("after must be a subscription id");
    }
    return BusJson.introspection(bus.snapshot(after, (int) limit));
  }

  /** Refuses (401) a caller who is not the operator and does not show the live subscription's secret. */
  private void authorize(long id, BusCaller caller) {
    if (!caller.operator() && !bus.holdsSecret(id, caller.secretBytes())) {
      throw Refusal.of(401, "subscription " + id + " is read and ended with the secret its creation answered (or the service's token),"
          + " sent as 'Authorization: Bearer <secret>'").withHeader("WWW-Authenticate", "Bearer realm=\"thermobus\"");
    }
  }

  /** Maps the bus's id failures to 404 (never issued) and 410 (unsubscribed or expired). */
  private static RuntimeException refusal(RuntimeException failure, long id) {
    if (failure instanceof SubscriptionGoneException) {
      return Refusal.of(410, "subscription " + id + " is gone: it was unsubscribed or its lease expired");
    }
    if (failure instanceof UnknownSubscriptionException) {
      return Refusal.of(404, "no subscription " + id + " was ever issued");
    }
    return failure;
  }

  private static List<String> topics(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw Refusal.badRequest("topics must be an array of topic names");
    }
    if (array.size() > TopicName.MAX_PER_FILTER) {
      throw Refusal.badRequest("at most " + TopicName.MAX_PER_FILTER + " topics");
    }
    List<String> topics = new ArrayList<>();
    for (Object topic : array) {
      if (!(topic instanceof String name) || !TopicName.isValid(name)) {
        throw Refusal.badRequest("topics must be topic names such as \"temperature\", got " + topic);
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
        throw Refusal.badRequest("from as a seq must be 1 or more");
      }
      long next = bus.head() + 1;
      if (seq > next) {
        throw Refusal.badRequest("from " + seq + " is past the bus's next seq " + next + "; use \"latest\" to wait for what comes next");
      }
      return StartAt.seq(seq);
    }
    if (from instanceof String text) {
      try {
        return StartAt.time(Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw Refusal.badRequest("from must be \"latest\", \"earliest\", a seq or an ISO-8601 instant, got \"" + text + "\"");
      }
    }
    throw Refusal.badRequest("from must be \"latest\", \"earliest\", a seq or an ISO-8601 instant");
  }

  private static String text(Object value, String field) {
    if (!(value instanceof String text)) {
      throw Refusal.badRequest(field + " must be a string");
    }
    return text;
  }
}
