package io.thermobus.input;

import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.sim.Centi;
import io.thermobus.zone.ZoneList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What reading the zones' settings files found at start: the usable settings by zone, and the
 * unusable files, set aside so that their zones start from the configured defaults. Unusable files
 * are described one by one up to {@value #DETAILED_PROBLEMS} per start, then only counted.
 */
record RestoredSettings(Map<String, ZoneSettings> settings, List<String> problems, int unusable) {

  static final int DETAILED_PROBLEMS = 3;

  /** Reads each zone's file; blocking, so on a worker thread. */
  static RestoredSettings read(List<ZoneInput> inputs, DesiredRange range) {
    Map<String, ZoneSettings> settings = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int unusable = 0;
    for (ZoneInput input : inputs) {
      String problem = null;
      try {
        Optional<ZoneSettings> stored = input.settings.read();
        if (stored.isPresent()) {
          range.require(stored.get().desired());
          settings.put(input.zone, stored.get());
        }
      } catch (SettingsUnreadableException e) {
        problem = "Zone " + input.zone + ": " + e.getMessage() + "; starting from the configured defaults" + setAside(input);
      } catch (IllegalArgumentException e) {
        problem = "Zone " + input.zone + ": settings file " + input.settings.path() + " holds a desired temperature outside "
            + Centi.format(range.minCenti()) + "–" + Centi.format(range.maxCenti()) + " °C; starting from the configured defaults"
            + setAside(input);
      }
      if (problem != null && ++unusable <= DETAILED_PROBLEMS) {
        problems.add(problem);
      }
    }
    return new RestoredSettings(settings, problems, unusable);
  }

  private static String setAside(ZoneInput input) {
    try {
      return " (the file was kept as " + input.settings.quarantine() + ")";
    } catch (IOException e) {
      return " (the file could not be moved aside: " + e.getMessage() + ")";
    }
  }

  /** Logs the findings once for all zones. */
  void log(Logger log, Path dataDir) {
    problems.forEach(log::error);
    if (unusable > problems.size()) {
      log.error("{} more zones' settings files were unusable; they start from their configured desired temperatures",
          unusable - problems.size());
    }
    if (!settings.isEmpty()) {
      log.info("{}: restored the desired temperature from {}", ZoneList.describe(settings.keySet()), dataDir);
    }
  }
}
