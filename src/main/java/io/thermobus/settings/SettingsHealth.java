package io.thermobus.settings;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which zones cannot save their settings now: set by a zone's input when a save fails and cleared
 * when one succeeds again, read by readiness. Written on the inputs' event loops, read from any thread.
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

  /** Why the zone's last save failed, or {@code null} while its saves succeed. */
  public String failure(String zone) {
    return failing.get(zone);
  }
}
