package io.thermobus.input;

import io.thermobus.settings.SettingsHealth;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The hosted zones of one input shard whose last save failed, kept in step with the node's
 * {@link SettingsHealth}; a failure is logged when the first zone stops saving and a recovery when
 * the last one saves again, not once per zone. Owned by the shard's event loop.
 */
final class UnsavedZones {

  /** The input shard's, so these lines come under its name. */
  private final Logger log;
  private final int shard;
  private final Path dataDir;
  private final SettingsHealth health;
  private final Set<ZoneInput> unsaved = new LinkedHashSet<>();

  UnsavedZones(Logger log, int shard, Path dataDir, SettingsHealth health) {
    this.log = log;
    this.shard = shard;
    this.dataDir = dataDir;
    this.health = health;
  }

  /** A zone that a predecessor of this shard could not save: keep finding out when saving works again. */
  void adoptFailing(ZoneInput input) {
    if (health.isFailing(input.zone)) {
      unsaved.add(input);
    }
  }

  void saved(ZoneInput input) {
    if (unsaved.remove(input)) {
      health.saved(input.zone);
      if (unsaved.isEmpty()) {
        log.info("Input shard {}: settings can be saved to {} again", shard, dataDir);
      }
    }
  }

  void failed(ZoneInput input, String reason) {
    if (unsaved.isEmpty()) {
      log.error("Zone {}: cannot save settings to {}: {}; refusing changes to this shard's zones that cannot save"
          + " until saving works again (further zones are not logged one by one)", input.zone, input.settings.path(), reason);
    }
    unsaved.add(input);
    health.failed(input.zone, reason);
  }

  /** A deleted zone: nothing more to save, so not failing either. */
  void removed(ZoneInput input) {
    unsaved.remove(input);
    health.saved(input.zone);
  }

  boolean isEmpty() {
    return unsaved.isEmpty();
  }

  List<ZoneInput> zones() {
    return List.copyOf(unsaved);
  }
}
