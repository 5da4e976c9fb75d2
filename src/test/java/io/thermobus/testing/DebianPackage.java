package io.thermobus.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Programs the tests take from Debian packages: skipped on a developer's machine without them, required in CI ({@code CI=true}). */
final class DebianPackage {

  private DebianPackage() {}

  static void assumeInstalled(String packages, Path... executables) {
    boolean installed = Arrays.stream(executables).allMatch(Files::isExecutable);
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must have " + Arrays.toString(executables) + " (Debian " + packages + ")");
    }
    Assumptions.assumeTrue(installed, "not installed: apt-get install " + packages);
  }

  /** Removes a temporary directory the helper made, with everything in it. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
