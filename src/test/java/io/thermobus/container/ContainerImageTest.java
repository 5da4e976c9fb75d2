package io.thermobus.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Builds the Docker image with podman and checks the running container from outside, by running
 * {@code src/test/container/build-and-run.sh}; it runs in CI and locally only when asked for.
 */
@Tag("container")
class ContainerImageTest {

  private static final Path SCRIPT = Path.of("src/test/container/build-and-run.sh");
  private static final Path LOG = Path.of("target/container-test/build-and-run.log");
  // The script needs well under 25 minutes from nothing on 2 cores; this only stops a hang.
  private static final Duration TIMEOUT = Duration.ofMinutes(40);
  private static final Duration CLEANUP = Duration.ofSeconds(90);

  @Test
  void shouldBuildTheImageAndServeFromOutsideTheContainer() throws Exception {
    assumeTrue("true".equals(System.getenv("CI")) || Boolean.getBoolean("thermobus.containerTests"),
        "container test skipped: set CI=true or -Dthermobus.containerTests=true to run it");
    Files.createDirectories(LOG.getParent());

    Process script = new ProcessBuilder("bash", SCRIPT.toString())
        .redirectErrorStream(true)
        .redirectOutput(LOG.toFile())
        .start();
    script.getOutputStream().close(); // nothing it runs may wait for input
    boolean finished = script.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      stop(script);
    }

    assertTrue(finished, () -> "build-and-run.sh still running after " + TIMEOUT + tail());
    assertEquals(0, script.exitValue(), () -> "build-and-run.sh failed" + tail());
  }

  /** SIGTERM first, so the script's exit trap removes its container; then force. */
  private static void stop(Process script) throws InterruptedException {
    List<ProcessHandle> children = script.descendants().toList();
    script.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!script.waitFor(CLEANUP.toSeconds(), TimeUnit.SECONDS)) {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
    }
  }

  private static String tail() {
    try {
      List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
      return "; last lines of " + LOG.toAbsolutePath() + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "; no log at " + LOG.toAbsolutePath() + ": " + e;
    }
  }
}
