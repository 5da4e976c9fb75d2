package io.thermobus.settings;

import java.nio.file.Path;

/**
 * Writes one zone's settings file in a tight loop until killed; prints a line every 100 writes so
 * a test can kill it at an arbitrary point of the loop. Runs in its own JVM.
 */
public final class SettingsWriterProcess {

  private SettingsWriterProcess() {}

  public static void main(String[] args) throws Exception {
    SettingsFile file = new SettingsFile(Path.of(args[0]), "home");
    for (long written = 1; ; written++) {
      file.write(ZoneSettings.ofDesiredCenti(valueOf(written)));
      if (written % 100 == 0) {
        System.out.println("written " + written);
      }
    }
  }

  /** Every value the writer may have left: 5.00 to 34.99 °C. */
  static int valueOf(long written) {
    return 500 + (int) (written % 3000);
  }
}
