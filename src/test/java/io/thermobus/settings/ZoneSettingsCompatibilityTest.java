package io.thermobus.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.ControlSettings;
import io.thermobus.control.ControllerKind;
import io.thermobus.control.Protections;
import io.thermobus.control.WindowDetection;
import io.thermobus.experiment.Scenario;
import io.thermobus.experiment.ScenarioFiles;
import io.thermobus.schedule.Preset;
import io.thermobus.schedule.Presets;
import io.thermobus.schedule.Schedule;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneSettingsCompatibilityTest {

  @TempDir
  Path dataDir;

  @Test
  void shouldKeepPresetsScheduleAndControlAcrossARestart() throws Exception {
    Scenario winter = ScenarioFiles.load("winter");
    Schedule week = winter.schedule();
    ControlSettings control = new ControlSettings(ControllerKind.TPI, null, null, null, null,
        new Protections(300, 300, 7200, 900, 600, new WindowDetection(0.2, 120, 1800)), 4L, winter.room());
    ZoneSettings saved = new ZoneSettings(ZoneSettings.VERSION, new BigDecimal("20.50"), Preset.ECO,
        new Presets(21.5, 16, 14, 18, 7), week, control);
    new SettingsFile(dataDir, "home").write(saved);
    assertThat(new SettingsFile(dataDir, "home").read()).contains(saved);
    assertThat(Files.readString(dataDir.resolve("zone-home.json"))).contains("\"at\" : \"06:30\"").contains("\"controller\" : \"tpi\"");
  }

  @Test
  void shouldReadAFileFromBeforeTheControlSettingsWithTheirDefaults() throws Exception {
    Files.writeString(dataDir.resolve("zone-home.json"), "{\"version\": 1, \"desired\": 19.25}");
    ZoneSettings old = new SettingsFile(dataDir, "home").read().orElseThrow();
    assertThat(old.desired()).isEqualByComparingTo("19.25");
    assertThat(old.preset()).isNull();
    assertThat(old.presets()).isEqualTo(Presets.DEFAULT);
    assertThat(old.schedule().isEmpty()).isTrue();
    assertThat(old.controlOr(ControlSettings.CHAPTER)).isEqualTo(ControlSettings.CHAPTER);
    assertThat(old.control()).isNull();
  }
}
