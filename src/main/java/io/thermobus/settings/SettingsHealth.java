package io.thermobus.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which zones cannot save their settings now: set by the input shard hosting a zone when a save
 * fails and cleared when one succeeds again or the zone is deleted, read by readiness. Holds only
 * the failing zones. Written on the inputs' event loops, read from any thread.
 */
public final class SettingsHealth {

  private final Map<String, String> failing = new ConcurrentHashMap<>();

  public void failed(String zone, String reason) {
    failing.put(Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(reason, "reason"));
  }

  public void saved(String zone) {
    failing.remove(zone);
  }

  public boolean isFailing(String zone) {
    return failing.containsKey(zone);
  }

  /** How many zones cannot save now. */
  public int failingCount() {
    return failing.size();
  }

  /** Up to {@code max} of the zones that cannot save now, with why. */
  public Map<String, String> failures(int max) {
    Map<String, String> some = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : failing.entrySet()) {
      if (some.size() >= max) {
        break;
      }
      some.put(entry.getKey(), entry.getValue());
    }
    return some;
  }
}
