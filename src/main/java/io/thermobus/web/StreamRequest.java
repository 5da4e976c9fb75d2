package io.thermobus.web;

import io.thermobus.Refusal;
import io.thermobus.bus.StartAt;
import io.thermobus.bus.SubscriberBus;
import io.thermobus.bus.Subscription;
import io.thermobus.event.TopicName;
import io.thermobus.event.ZoneName;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a stream connection asks for: its topics (empty = all), its zone ({@code null} = all), the
 * seq to start at ({@code null} = the next event) and the bus that seq came from ({@code null} =
 * this one).
 */
record StreamRequest(List<String> topics, String zone, Long since, String bus) {

  private static final Pattern SEQ = Pattern.compile("[0-9]{1,18}");
  private static final Pattern BUS = Pattern.compile("[0-9a-z]{1,32}");

  /**
   * Where the bus subscription starts. A seq from another bus (the service restarted) or beyond
   * the next one starts at the next event; the greeting frame tells the client which bus and seq.
   */
  private StartAt startAt(long head, String currentBus) {
    boolean sameBus = bus == null || bus.equals(currentBus);
    return since == null || !sameBus || since > head + 1 ? StartAt.latest() : StartAt.seq(since);
  }

  /** The stream's own subscription, narrowed to its zone (if any) by the bus itself. */
  Subscription<JsonObject> subscribe(SubscriberBus<JsonObject> bus, String currentBus) {
    StartAt from = startAt(bus.head(), currentBus);
    return zone == null ? bus.subscribe(topics, from) : bus.subscribe(topics, zone, from);
  }

  /**
   * Reads {@code topics}, {@code zone}, {@code since} and {@code bus} from the query;
   * {@code resumeAfter}, if given, is a seq already received (SSE's {@code Last-Event-ID}) and wins
   * over {@code since}.
   *
   * @throws Refusal 400 for a query it cannot use
   */
  static StreamRequest parse(RoutingContext ctx, String resumeAfter) {
    String zone = single(ctx, "zone", ZoneName.PATTERN, "'zone' must be one zone name like home");
    String bus = single(ctx, "bus", BUS, "'bus' must be the 'bus' of a hello frame");
    String since = single(ctx, "since", SEQ, "'since' must be one seq, a whole number from 1");
    Long start;
    if (resumeAfter != null) {
      start = 1 + seq(resumeAfter.trim(), "'Last-Event-ID' must be a seq received from this stream");
    } else {
      start = since == null ? null : seq(since, "'since' must be one seq, a whole number from 1");
      if (start != null && start < 1) {
        throw Refusal.badRequest("'since' must be one seq, a whole number from 1");
      }
    }
    return new StreamRequest(topics(ctx), zone, start, bus);
  }

  private static List<String> topics(RoutingContext ctx) {
    List<String> topics = new ArrayList<>();
    for (String list : ctx.queryParam("topics")) {
      for (String topic : list.split(",", -1)) {
        if (!TopicName.isValid(topic)) {
          throw Refusal.badRequest("'topics' must be comma-separated topic names like temperature,heater; got '" + list + "'");
        }
        topics.add(topic);
      }
    }
    if (topics.size() > TopicName.MAX_PER_FILTER) {
      throw Refusal.badRequest("'topics' may name at most " + TopicName.MAX_PER_FILTER + " topics");
    }
    return List.copyOf(topics);
  }

  /** The parameter's one value, or {@code null} when absent. */
  private static String single(RoutingContext ctx, String name, Pattern pattern, String refusal) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1 || values.size() == 1 && !pattern.matcher(values.get(0)).matches()) {
      throw Refusal.badRequest(refusal);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static long seq(String text, String refusal) {
    if (!SEQ.matcher(text).matches()) {
      throw Refusal.badRequest(refusal);
    }
    return Long.parseLong(text);
  }
}
