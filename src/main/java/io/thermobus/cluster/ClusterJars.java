package io.thermobus.cluster;

import io.thermobus.config.ConfigException;
import io.thermobus.config.ConfigOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster mode's jars, which the build puts in {@code lib/} beside the service's jar (its manifest
 * names them) rather than in it: asked for before anything touches Hazelcast, so a missing one is a
 * configuration error that says what to put where. Names no Hazelcast class itself.
 */
public final class ClusterJars {

  /** Each jar's name in {@code lib/}, by a class only that jar holds. */
  private static final Map<String, String> JARS = Map.of(
      "io.vertx.spi.cluster.hazelcast.HazelcastClusterManager", "vertx-hazelcast.jar",
      "com.hazelcast.core.Hazelcast", "hazelcast.jar");

  private ClusterJars() {}

  /** Throws a {@link ConfigException} naming every missing jar and the directory it belongs in. */
  public static void require() {
    List<String> missing = new ArrayList<>();
    JARS.forEach((className, jar) -> {
      try {
        Class.forName(className, false, ClusterJars.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(jar);
      }
    });
    if (!missing.isEmpty()) {
      missing.sort(null);
      throw new ConfigException(ConfigOption.CLUSTER.describeKey() + ": cluster mode needs " + String.join(" and ", missing)
          + " in " + libDirectory() + " (the build's target/lib, beside the service's jar)");
    }
  }

  /** {@code lib/} beside the jar (or the class directory) this class was loaded from. */
  private static Path libDirectory() {
    try {
      return Path.of(ClusterJars.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath().resolveSibling("lib");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the class path names no file: " + e.getMessage(), e);
    }
  }
}
