package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a write through only with {@code Authorization: Bearer <token>}; compares in constant time. */
public final class BearerAuth implements Handler<RoutingContext> {

  private static final String SCHEME = "Bearer ";

  private final byte[] token;

  public BearerAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      ctx.next();
      return;
    }
    throw Refusal.of(401, "this write needs the header 'Authorization: Bearer <token>' with the service's token")
        .withHeader("WWW-Authenticate", "Bearer realm=\"thermobus\"");
  }

  /** Whether an Authorization header value carries the token. */
  public boolean accepts(String authorization) {
    return acceptsToken(credential(authorization));
  }

  /** What an Authorization header value carries as a bearer credential, or {@code null}. */
  static String credential(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    return authorization.substring(SCHEME.length()).trim();
  }

  /** Whether a bare token is the service's, in time independent of where they differ. */
  public boolean acceptsToken(String candidate) {
    return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
