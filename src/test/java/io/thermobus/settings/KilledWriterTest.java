package io.thermobus.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of a loop of writes leaves a readable settings file, every time. */
class KilledWriterTest {

  private static final int KILLS = 8;

  @TempDir
  Path dataDir;

  @Test
  void shouldLeaveAReadableFileWhateverMomentTheWriterIsKilled() throws Exception {
    Random random = new Random(5);
    for (int kill = 1; kill <= KILLS; kill++) {
      int batches = 1 + random.nextInt(5);
      try (ServiceProcess writer = ServiceProcess.startMain(SettingsWriterProcess.class.getName(), Map.of(), dataDir.toString())) {
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.stdout.size() >= batches);
        writer.process.destroyForcibly().waitFor();
        assertThat(writer.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      }
      ZoneSettings left = new SettingsFile(dataDir, "home").read().orElseThrow();
      assertThat(left.desired()).as("after kill %d", kill).isBetween(new java.math.BigDecimal("5.00"), new java.math.BigDecimal("34.99"));
    }
  }
}
