package io.thermobus.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text exposition, parsed into series ({@code name{labels}}) and their values. */
record Scrape(String text, Map<String, Double> series) {

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)(\\s+\\d+)?");

  static Scrape parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample line: " + line);
      }
      series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
    }
    return new Scrape(text, series);
  }

  /** The value of the one series named {@code name} whose labels contain every {@code label="value"} given. */
  double value(String name, String... labels) {
    Double found = null;
    for (Map.Entry<String, Double> entry : series.entrySet()) {
      String key = entry.getKey();
      if (!(key.equals(name) || key.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= key.contains(label);
      }
      if (all) {
        if (found != null) {
          throw new AssertionError("more than one series " + name + " with " + String.join(",", labels));
        }
        found = entry.getValue();
      }
    }
    if (found == null) {
      throw new AssertionError("no series " + name + " with " + String.join(",", labels) + " in:\n" + text);
    }
    return found;
  }

  /** The sum over every series named {@code name}, whatever their labels. */
  double sum(String name) {
    return series.entrySet().stream()
        .filter(entry -> entry.getKey().equals(name) || entry.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  boolean has(String name) {
    return series.keySet().stream().anyMatch(key -> key.equals(name) || key.startsWith(name + "{"));
  }
}
