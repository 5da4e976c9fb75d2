package io.thermobus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request refused for a reason its sender can act on: an HTTP status with a detail, and the
 * headers that go with it ({@code Retry-After}, {@code WWW-Authenticate}). The one way the web
 * routes, the WebSocket input and the bus's remote operations refuse: thrown, or as a failed
 * future's cause. The router's failure handler answers it as problem+json; over the event bus it
 * travels as a reply failure whose code is the status ({@link #failReply}, {@link #of(Throwable, Supplier)}).
 * Immutable.
 */
public final class Refusal extends RuntimeException {

  /** What a 503 or 429 that crossed the event bus tells the client to wait, in seconds. */
  public static final long DEFAULT_RETRY_SECONDS = 1;

  private final int status;
  private final Map<String, String> headers;

  private Refusal(int status, String detail, Map<String, String> headers) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a refusal's status is 4xx or 5xx: " + status);
    }
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public static Refusal of(int status, String detail) {
    return new Refusal(status, detail, Map.of());
  }

  public static Refusal badRequest(String detail) {
    return of(400, detail);
  }

  /** A refusal the client should retry after {@code seconds} (429, 503). */
  public static Refusal retryAfter(int status, long seconds, String detail) {
    return of(status, detail).withHeader("Retry-After", Long.toString(seconds));
  }

  /** The same refusal with one more response header. */
  public Refusal withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Refusal(status, getMessage(), more);
  }

  public int status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** Fails an event-bus request with this refusal: its status as the failure code, its detail as the message. */
  public void failReply(Message<?> message) {
    message.fail(status, getMessage());
  }

  /**
   * What a failed event-bus request means to the client, written once for every caller: a
   * refusal stays itself; a recipient that failed the request with a 4xx or 5xx code refused it
   * with that status (503 and 429 with {@code Retry-After}); no handler is what
   * {@code noHandler} says (the caller knows whether the address should exist); a timeout or
   * anything else is a 503 to retry.
   */
  public static Refusal of(Throwable failure, Supplier<Refusal> noHandler) {
    if (failure instanceof Refusal refusal) {
      return refusal;
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return noHandler.get();
      }
      int code = reply.failureCode();
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && code >= 400 && code <= 599 && code != 500
          && reply.getMessage() != null) {
        return code == 503 || code == 429 ? retryAfter(code, DEFAULT_RETRY_SECONDS, reply.getMessage()) : of(code, reply.getMessage());
      }
    }
    return retryAfter(503, DEFAULT_RETRY_SECONDS, "the service did not answer in time; try again");
  }
}
