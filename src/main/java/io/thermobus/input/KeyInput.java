package io.thermobus.input;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns key presses into desired-temperature changes: ↑/+ and ↓/− step it, digits and a point
 * are collected until Enter applies them, Backspace and Escape edit the entry. Keeps the trace of
 * recent keys that the display shows. Pure and single-threaded: owned by one input verticle.
 */
public final class KeyInput {

  /** What one key did: the new desired temperature, if any, or why the key was refused. */
  public record Outcome(OptionalInt desiredCenti, String error) {
    static Outcome none() {
      return new Outcome(OptionalInt.empty(), null);
    }

    static Outcome desired(int centi) {
      return new Outcome(OptionalInt.of(centi), null);
    }

    static Outcome refused(String error) {
      return new Outcome(OptionalInt.empty(), error);
    }
  }

  public static final String UNSUPPORTED =
      "unsupported key; use ArrowUp, ArrowDown, +, -, digits, '.', Enter, Backspace or Escape";
  private static final int TRACE_LENGTH = 40;
  private static final int ENTRY_LENGTH = 6;
  private static final Map<String, String> LABELS =
      Map.of("ArrowUp", "↑", "ArrowDown", "↓", "Enter", "⏎", "Backspace", "⌫", "Escape", "⎋");

  private final DesiredRange range;
  private final int stepCenti;
  private final StringBuilder trace = new StringBuilder();
  private final StringBuilder entry = new StringBuilder();

  public KeyInput(DesiredRange range, int stepCenti) {
    this.range = range;
    this.stepCenti = stepCenti;
  }

  public static boolean isKnown(String key) {
    return key != null && (LABELS.containsKey(key) || key.length() == 1 && "+-=.,0123456789".contains(key));
  }

  public Outcome press(String key, int currentDesiredCenti) {
    if (!isKnown(key)) {
      return Outcome.refused(UNSUPPORTED);
    }
    appendTrace(LABELS.getOrDefault(key, key));
    switch (key) {
      case "ArrowUp", "+", "=" -> {
        return Outcome.desired(range.clamp(currentDesiredCenti + stepCenti));
      }
      case "ArrowDown", "-" -> {
        return Outcome.desired(range.clamp(currentDesiredCenti - stepCenti));
      }
      case "Backspace" -> {
        if (!entry.isEmpty()) {
          entry.setLength(entry.length() - 1);
        }
        return Outcome.none();
      }
      case "Escape" -> {
        entry.setLength(0);
        return Outcome.none();
      }
      case "Enter" -> {
        return applyEntry();
      }
      default -> {
        return collect(key.equals(",") ? "." : key);
      }
    }
  }

  public String trace() {
    return trace.toString();
  }

  public String pending() {
    return entry.toString();
  }

  private Outcome collect(String character) {
    if (entry.length() >= ENTRY_LENGTH || character.equals(".") && entry.indexOf(".") >= 0) {
      return Outcome.refused("entry is limited to " + ENTRY_LENGTH + " characters and one decimal point");
    }
    entry.append(character);
    return Outcome.none();
  }

  private Outcome applyEntry() {
    if (entry.isEmpty() || entry.toString().equals(".")) {
      entry.setLength(0);
      return Outcome.none();
    }
    BigDecimal typed = new BigDecimal(entry.toString());
    entry.setLength(0);
    try {
      return Outcome.desired(range.require(typed));
    } catch (IllegalArgumentException e) {
      return Outcome.refused(e.getMessage());
    }
  }

  private void appendTrace(String label) {
    trace.append(label);
    int excess = trace.codePointCount(0, trace.length()) - TRACE_LENGTH;
    if (excess > 0) {
      trace.delete(0, trace.offsetByCodePoints(0, excess));
    }
  }
}
