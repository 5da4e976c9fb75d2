package io.thermobus.web;

import io.thermobus.Refusal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Locale;

/** Checks and reads JSON request bodies, refusing with 415 and 400 what does not fit. */
final class JsonBodies {

  private JsonBodies() {}

  private static final String NOT_JSON = "the body must be JSON, sent with 'Content-Type: application/json'";

  /** Refuses a body that is not declared as JSON. */
  static Handler<RoutingContext> requireJsonContentType() {
    return ctx -> {
      requireJson(ctx);
      ctx.next();
    };
  }

  /** Refuses (415) a body that is not declared as JSON. */
  static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw Refusal.of(415, NOT_JSON);
    }
  }

  /** The body as a JSON object; refuses (400) anything else. */
  static JsonObject object(RoutingContext ctx) {
    if (ctx.body().isEmpty()) {
      throw Refusal.badRequest("the body is empty; send a JSON object");
    }
    Object value;
    try {
      value = ctx.body().buffer().toJsonValue();
    } catch (DecodeException e) {
      throw Refusal.badRequest("the body is not valid JSON");
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw Refusal.badRequest("the body must be a JSON object");
  }

  /** A finite number field as an exact decimal; refuses (400) anything else. */
  static BigDecimal finiteNumber(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Number number)) {
      throw Refusal.badRequest("'" + field + "' must be a number, got " + (value == null ? "nothing" : describe(value)));
    }
    BigDecimal decimal = finiteDecimal(number);
    if (decimal == null) {
      throw Refusal.badRequest("'" + field + "' must be a finite number");
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
