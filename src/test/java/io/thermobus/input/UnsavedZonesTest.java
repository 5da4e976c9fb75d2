package io.thermobus.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.settings.SettingsHealth;
import io.thermobus.zone.ZoneSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The zones of one input shard that cannot save, kept in step with the node's settings health. */
class UnsavedZonesTest {

  private final SettingsHealth health = new SettingsHealth();
  private final UnsavedZones unsaved = new UnsavedZones(LoggerFactory.getLogger(UnsavedZonesTest.class), 0, Path.of("data"), health);
  private final ZoneInput home = zone("home");
  private final ZoneInput attic = zone("attic");

  @Test
  void shouldReportAZoneFailingUntilItSavesAgain() {
    unsaved.failed(home, "disk full");
    unsaved.failed(attic, "disk full");

    assertThat(health.failures(10)).containsOnlyKeys("home", "attic").containsEntry("home", "disk full");
    assertThat(unsaved.zones()).containsExactly(home, attic);

    unsaved.saved(home);
    assertThat(health.isFailing("home")).isFalse();
    assertThat(unsaved.zones()).containsExactly(attic);
    unsaved.saved(attic);
    assertThat(unsaved.isEmpty()).isTrue();
    assertThat(health.failingCount()).isZero();
  }

  @Test
  void shouldForgetADeletedZone() {
    unsaved.failed(home, "read-only");
    unsaved.removed(home);

    assertThat(unsaved.isEmpty()).isTrue();
    assertThat(health.isFailing("home")).isFalse();
  }

  @Test
  void shouldAdoptOnlyTheZonesAPredecessorCouldNotSave() {
    health.failed("home", "read-only");

    unsaved.adoptFailing(home);
    unsaved.adoptFailing(attic);

    assertThat(unsaved.zones()).containsExactly(home);
  }

  private static ZoneInput zone(String name) {
    return new ZoneInput(ZoneSpec.simulated(name, 2000, 2000), Path.of("data"));
  }
}
