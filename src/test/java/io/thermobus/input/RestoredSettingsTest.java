package io.thermobus.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.settings.ZoneSettings;
import io.thermobus.zone.ZoneSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the zones' settings files at start: usable ones restored, unusable ones set aside and reported. */
class RestoredSettingsTest {

  private static final DesiredRange RANGE = new DesiredRange(500, 3000);

  @TempDir
  Path dataDir;

  @Test
  void shouldRestoreTheUsableFilesAndSetAsideTheOthers() throws IOException {
    ZoneInput saved = zone("saved");
    saved.settings.write(ZoneSettings.ofDesiredCenti(2250));
    ZoneInput none = zone("none");
    ZoneInput corrupt = zone("corrupt");
    Files.writeString(corrupt.settings.path(), "{not json");
    ZoneInput tooHot = zone("hot");
    tooHot.settings.write(ZoneSettings.ofDesiredCenti(4000));

    RestoredSettings restored = RestoredSettings.read(List.of(saved, none, corrupt, tooHot), RANGE);

    assertThat(restored.settings()).containsOnlyKeys("saved");
    assertThat(restored.settings().get("saved").desired()).isEqualByComparingTo("22.50");
    assertThat(restored.unusable()).isEqualTo(2);
    assertThat(restored.problems()).hasSize(2);
    assertThat(restored.problems().get(0)).startsWith("Zone corrupt: ").contains("the file was kept as");
    assertThat(restored.problems().get(1)).startsWith("Zone hot: ").contains("outside 5.00–30.00 °C");
    assertThat(corrupt.settings.path()).doesNotExist();
    assertThat(tooHot.settings.path()).doesNotExist();
    assertThat(saved.settings.path()).exists();
  }

  @Test
  void shouldDescribeTheFirstUnusableFilesAndOnlyCountTheRest() throws IOException {
    List<ZoneInput> zones = IntStream.range(0, 5).mapToObj(i -> zone("z" + i)).toList();
    for (ZoneInput zone : zones) {
      Files.writeString(zone.settings.path(), "null");
    }

    RestoredSettings restored = RestoredSettings.read(zones, RANGE);

    assertThat(restored.unusable()).isEqualTo(5);
    assertThat(restored.problems()).hasSize(RestoredSettings.DETAILED_PROBLEMS);
  }

  private ZoneInput zone(String name) {
    return new ZoneInput(ZoneSpec.simulated(name, 2000, 2000), dataDir);
  }
}
