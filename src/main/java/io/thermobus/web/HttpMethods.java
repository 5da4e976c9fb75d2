package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The request methods HTTP defines (RFC 9110, and PATCH). Any other name is answered 501, as RFC 9110
 * says for a method the server does not recognize, and counted under one metric label, so random
 * names cannot add metric series.
 */
public final class HttpMethods {

  /** The metric label every other method is counted under. */
  public static final String OTHER = "OTHER";
  private static final Set<HttpMethod> STANDARD = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.CONNECT, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PATCH);
  private static final Set<String> STANDARD_NAMES = STANDARD.stream().map(HttpMethod::name).collect(Collectors.toUnmodifiableSet());

  private HttpMethods() {}

  /** The method's name as a metric label: itself when standard, else {@link #OTHER}. */
  public static String metricLabel(String name) {
    return STANDARD_NAMES.contains(name) ? name : OTHER;
  }

  /** An early route: a method HTTP does not define gets 501. */
  static void refuseUnknown(RoutingContext ctx) {
    if (STANDARD.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    throw Refusal.of(501, "the method is not one HTTP defines; this service implements GET, HEAD, PUT, POST and DELETE");
  }
}
