package io.thermobus.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Locale;

/** Checks and reads JSON request bodies, answering 415 and 400 problems for what does not fit. */
final class JsonBodies {

  private JsonBodies() {}

  static final String NOT_JSON = "the body must be JSON, sent with 'Content-Type: application/json'";

  /** Refuses a body that is not declared as JSON. */
  static Handler<RoutingContext> requireJsonContentType() {
    return ctx -> {
      if (declaresJson(ctx)) {
        ctx.next();
      } else {
        Problems.send(ctx, 415, NOT_JSON);
      }
    };
  }

  static boolean declaresJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.startsWith("application/") && mediaType.endsWith("+json");
  }

  /** The body as a JSON object, or {@code null} after answering 400. */
  static JsonObject object(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      Problems.send(ctx, 400, "the body is empty; send a JSON object");
      return null;
    }
    try {
      Object value = ctx.body().buffer().toJsonValue();
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      Problems.send(ctx, 400, "the body is not valid JSON");
      return null;
    }
    Problems.send(ctx, 400, "the body must be a JSON object");
    return null;
  }

  /** A finite number field as an exact decimal, or {@code null} after answering 400. */
  static BigDecimal finiteNumber(RoutingContext ctx, JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Number number)) {
      Problems.send(ctx, 400, "'" + field + "' must be a number, got " + (value == null ? "nothing" : describe(value)));
      return null;
    }
    BigDecimal decimal = finiteDecimal(number);
    if (decimal == null) {
      Problems.send(ctx, 400, "'" + field + "' must be a finite number");
    }
    return decimal;
  }

  /** The number as an exact decimal, or {@code null} when it is NaN or infinite. */
  static BigDecimal finiteDecimal(Number number) {
    if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
      return null;
    }
    return new BigDecimal(number.toString());
  }

  static String describe(Object value) {
    return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("json", "");
  }
}
