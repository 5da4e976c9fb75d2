package io.thermobus.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermobus.sim.Centi;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads a temperature, in °C, from a sensor's payload: a plain number, or JSON with the number at a
 * {@link FieldPath}. Anything else is rejected with its reason, never half-read. Pure.
 */
public final class SensorPayload {

  /** Longest payload read, characters: Zigbee2MQTT and Tasmota send a few hundred. */
  public static final int MAX_LENGTH = 4096;
  public static final BigDecimal MIN_CELSIUS = BigDecimal.valueOf(-50);
  public static final BigDecimal MAX_CELSIUS = BigDecimal.valueOf(100);

  /** Jackson's defaults: no NaN, no comments, no trailing commas. */
  static final ObjectMapper STRICT = new ObjectMapper();

  /** Why a payload was not a reading; {@link #label()} tags the counter in {@code /metrics}. */
  public enum Rejection {
    OVERSIZED("oversized"),
    BROKEN_JSON("broken_json"),
    MISSING_FIELD("missing_field"),
    NOT_A_NUMBER("not_a_number"),
    OUT_OF_RANGE("out_of_range");

    private final String label;

    Rejection(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What a payload said: a temperature in hundredths of a degree, or why there is none. */
  public sealed interface Reading permits Accepted, Rejected {}

  public record Accepted(int centi) implements Reading {}

  /** {@code detail} is short and safe to log: it quotes at most the first characters of the payload. */
  public record Rejected(Rejection reason, String detail) implements Reading {}

  private final Optional<FieldPath> field;

  public SensorPayload(Optional<FieldPath> field) {
    this.field = field;
  }

  public Reading read(String payload) {
    if (payload.length() > MAX_LENGTH) {
      return new Rejected(Rejection.OVERSIZED, payload.length() + " characters, more than " + MAX_LENGTH);
    }
    if (field.isEmpty()) {
      return PlainNumber.parse(payload).map(SensorPayload::inRange)
          .orElseGet(() -> new Rejected(Rejection.NOT_A_NUMBER, "not a number: " + excerpt(payload)));
    }
    JsonNode node;
    try {
      node = STRICT.readTree(payload);
    } catch (JsonProcessingException e) {
      return new Rejected(Rejection.BROKEN_JSON, "not JSON: " + excerpt(payload));
    }
    node = field.get().lookup(node);
    if (node == null || node.isNull()) {
      return new Rejected(Rejection.MISSING_FIELD, "no " + field.get() + " in " + excerpt(payload));
    }
    JsonNode value = node;
    Optional<BigDecimal> number = value.isNumber() ? Optional.of(value.decimalValue())
        : value.isTextual() ? PlainNumber.parse(value.textValue()) : Optional.empty();
    return number.map(SensorPayload::inRange)
        .orElseGet(() -> new Rejected(Rejection.NOT_A_NUMBER, field.get() + " is not a number: " + excerpt(value.toString())));
  }

  private static Reading inRange(BigDecimal celsius) {
    if (celsius.compareTo(MIN_CELSIUS) < 0 || celsius.compareTo(MAX_CELSIUS) > 0) {
      return new Rejected(Rejection.OUT_OF_RANGE, celsius.toPlainString().length() > 40 ? "far outside −50..100 °C"
          : celsius.toPlainString() + " °C is outside −50..100 °C");
    }
    return new Accepted(Centi.fromCelsius(celsius));
  }

  private static String excerpt(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", " ");
    return "'" + (oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine) + "'";
  }
}
