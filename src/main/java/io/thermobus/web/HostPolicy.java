package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which {@code Host} a request may name. Exactly one is required on HTTP/1.1 (RFC 9112 §3.2: else
 * 400). While the server is bound to a loopback address, the host must be a loopback name or
 * address ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code [::1]}) or the host of
 * a configured CORS origin: a page on another site whose name was re-pointed at 127.0.0.1 (DNS
 * rebinding) sends its own name and is refused with 400, as Django's default allowed hosts do.
 * Bound to any other address the service is meant to be reached by names it cannot know, and any
 * host passes. Immutable.
 */
final class HostPolicy {

  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  private final boolean loopbackOnly;
  private final Set<String> configured;

  HostPolicy(String bindHost, List<String> corsOrigins) {
    this.loopbackOnly = isLoopback(bindHost.toLowerCase(Locale.ROOT));
    this.configured = corsOrigins.stream().map(origin -> URI.create(origin).getHost()).filter(Objects::nonNull)
        .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** An early route: one acceptable Host, or 400. */
  void refuseForeignHosts(RoutingContext ctx) {
    List<String> hosts = ctx.request().headers().getAll(HttpHeaders.HOST);
    if (hosts.size() > 1) {
      throw Refusal.badRequest("a request names exactly one Host");
    }
    if (hosts.isEmpty() && ctx.request().version() != HttpVersion.HTTP_1_0) {
      throw Refusal.badRequest("an HTTP/1.1 request needs a Host header");
    }
    if (loopbackOnly && !hosts.isEmpty() && !accepts(ctx.request().authority())) {
      throw Refusal.badRequest("this service answers to loopback names only, such as localhost or 127.0.0.1");
    }
    ctx.next();
  }

  private boolean accepts(HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    String host = authority.host().toLowerCase(Locale.ROOT);
    return isLoopback(host) || configured.contains(host);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || LOOPBACK_V4.matcher(host).matches()
        || host.equals("::1") || host.equals("[::1]");
  }
}
