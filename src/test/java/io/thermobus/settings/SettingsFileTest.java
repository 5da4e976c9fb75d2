package io.thermobus.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsFileTest {

  @TempDir
  Path dataDir;

  @Test
  void shouldReadNothingBeforeTheFirstWrite() {
    assertThat(new SettingsFile(dataDir, "home").read()).isEmpty();
  }

  @Test
  void shouldReadBackWhatWasWritten() throws Exception {
    SettingsFile file = new SettingsFile(dataDir, "home");
    file.write(ZoneSettings.ofDesiredCenti(2350));
    file.write(ZoneSettings.ofDesiredCenti(1875));
    assertThat(file.read()).contains(new ZoneSettings(1, new BigDecimal("18.75")));
    assertThat(Files.readString(file.path())).contains("\"desired\" : 18.75");
  }

  @Test
  void shouldCreateTheDataDirectoryAndLeaveNoTemporaryFileBehind() throws Exception {
    Path nested = dataDir.resolve("a").resolve("b");
    new SettingsFile(nested, "home").write(ZoneSettings.ofDesiredCenti(2100));
    try (var files = Files.list(nested)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("zone-home.json");
    }
  }

  @Test
  void shouldKeepZonesApart() throws Exception {
    new SettingsFile(dataDir, "home").write(ZoneSettings.ofDesiredCenti(2100));
    new SettingsFile(dataDir, "attic").write(ZoneSettings.ofDesiredCenti(1500));
    assertThat(new SettingsFile(dataDir, "home").read().orElseThrow().desired()).isEqualByComparingTo("21");
    assertThat(new SettingsFile(dataDir, "attic").read().orElseThrow().desired()).isEqualByComparingTo("15");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
      "", "{", "{\"version\": 1, \"desired\": 21", "[1, 21]", "null", "{\"version\": 1}",
      "{\"version\": 1, \"desired\": \"warm\"}", "{\"version\": 1, \"desired\": null}", "{\"desired\": 21}",
      "{\"version\": 2, \"desired\": 21}", "{\"version\": 1, \"desired\": 21} trailing", "\u0000\u0000\u0000"})
  void shouldReportACorruptFileNamingIt(String content) throws Exception {
    SettingsFile file = new SettingsFile(dataDir, "home");
    Files.writeString(file.path(), content, StandardCharsets.UTF_8);
    assertThatThrownBy(file::read)
        .isInstanceOf(SettingsUnreadableException.class)
        .hasMessageContaining(file.path().toString());
  }

  @Test
  void shouldMoveACorruptFileAsideSoTheNextWriteKeepsIt() throws Exception {
    SettingsFile file = new SettingsFile(dataDir, "home");
    Files.writeString(file.path(), "{garbage");
    Path aside = file.quarantine();
    file.write(ZoneSettings.ofDesiredCenti(2100));
    assertThat(Files.readString(aside)).isEqualTo("{garbage");
    assertThat(file.read()).isPresent();
  }
}
