package io.thermobus.web;

import io.thermobus.bus.StartAt;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a stream connection asks for: its topics (empty = all), its zone ({@code null} = all) and
 * the seq to start at ({@code null} = the next event).
 */
record StreamRequest(List<String> topics, String zone, Long since) {

  private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern SEQ = Pattern.compile("[0-9]{1,18}");
  private static final int MAX_TOPICS = 16;

  /**
   * Where the bus subscription starts. A seq beyond the next one (a client that kept a seq from
   * before a restart) starts at the next event; the greeting frame tells the client so.
   */
  StartAt startAt(long head) {
    return since == null || since > head + 1 ? StartAt.latest() : StartAt.seq(since);
  }

  /**
   * Reads {@code topics}, {@code zone} and {@code since} from the query; {@code resumeAfter}, if
   * given, is a seq already received (SSE's {@code Last-Event-ID}) and wins over {@code since}.
   *
   * @return the request, or {@code null} after answering 400
   */
  static StreamRequest parse(RoutingContext ctx, String resumeAfter) {
    List<String> topics = new ArrayList<>();
    for (String list : ctx.queryParam("topics")) {
      for (String topic : list.split(",", -1)) {
        if (!TOPIC.matcher(topic).matches()) {
          return refuse(ctx, "'topics' must be comma-separated topic names like temperature,heater; got '" + list + "'");
        }
        topics.add(topic);
      }
    }
    if (topics.size() > MAX_TOPICS) {
      return refuse(ctx, "'topics' may name at most " + MAX_TOPICS + " topics");
    }
    List<String> zones = ctx.queryParam("zone");
    if (zones.size() > 1 || zones.size() == 1 && !ZoneApi.ZONE_NAME.matcher(zones.get(0)).matches()) {
      return refuse(ctx, "'zone' must be one zone name like home");
    }
    String zone = zones.isEmpty() ? null : zones.get(0);
    if (resumeAfter != null) {
      if (!SEQ.matcher(resumeAfter.trim()).matches()) {
        return refuse(ctx, "'Last-Event-ID' must be a seq received from this stream");
      }
      return new StreamRequest(List.copyOf(topics), zone, Long.parseLong(resumeAfter.trim()) + 1);
    }
    List<String> since = ctx.queryParam("since");
    if (since.isEmpty()) {
      return new StreamRequest(List.copyOf(topics), zone, null);
    }
    if (since.size() > 1 || !SEQ.matcher(since.get(0)).matches() || Long.parseLong(since.get(0)) < 1) {
      return refuse(ctx, "'since' must be one seq, a whole number from 1");
    }
    return new StreamRequest(List.copyOf(topics), zone, Long.parseLong(since.get(0)));
  }

  private static StreamRequest refuse(RoutingContext ctx, String detail) {
    Problems.send(ctx, 400, detail);
    return null;
  }
}
