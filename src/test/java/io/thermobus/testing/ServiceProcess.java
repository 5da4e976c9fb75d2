package io.thermobus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Thermobus's {@code Main} in a separate JVM, its output captured line by line. */
public final class ServiceProcess implements AutoCloseable {

  /** The system property failsafe sets to the built jar's path. */
  public static final String JAR_PROPERTY = "thermobus.jar";

  public final Process process;
  public final List<String> stdout = new CopyOnWriteArrayList<>();
  public final List<String> stderr = new CopyOnWriteArrayList<>();

  private ServiceProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), stdout);
    pump(process.getErrorStream(), stderr);
  }

  public static ServiceProcess start(Map<String, String> environment, String... args) throws IOException {
    return startMain("io.thermobus.Main", environment, args);
  }

  /** Any main class of the test class path, for helpers that must die in their own JVM. */
  public static ServiceProcess startMain(String mainClass, Map<String, String> environment, String... args) throws IOException {
    return launch(List.of("-cp", classPath(), mainClass), environment, args);
  }

  /**
   * The built jar, {@code java -jar target/thermobus.jar}, as a user starts it: for the tests that
   * run after {@code package} (failsafe's {@code *IT}), which name the jar in {@value #JAR_PROPERTY}.
   */
  public static ServiceProcess startJar(Map<String, String> environment, String... args) throws IOException {
    return startJar(builtJar(), environment, args);
  }

  /** {@code java -jar} of a jar at {@code jar}: a copy of {@link #builtJar()} elsewhere, without what lies beside it. */
  public static ServiceProcess startJar(Path jar, Map<String, String> environment, String... args) throws IOException {
    return launch(List.of("-jar", jar.toString()), environment, args);
  }

  /** The jar {@code package} built, named in {@value #JAR_PROPERTY}. */
  public static Path builtJar() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("no built jar in -D" + JAR_PROPERTY + " (" + jar + "): run this test with mvn verify");
    }
    return Path.of(jar);
  }

  private static ServiceProcess launch(List<String> what, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(what);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("THERMOBUS_"));
    builder.environment().putAll(environment);
    return new ServiceProcess(builder.start());
  }

  /** Surefire puts the real test class path here; the JVM's own is a manifest-only jar. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  public int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("process still running after " + seconds + " s; stderr: " + stderr);
    }
    return process.exitValue();
  }

  public String allOutput() {
    return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void pump(java.io.InputStream stream, List<String> lines) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    thread.setDaemon(true);
    thread.start();
  }
}
