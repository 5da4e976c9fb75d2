package io.thermobus.config;

import io.thermobus.settings.SettingsFile;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Merges configuration with vertx-config, lowest precedence first: defaults, the config file
 * ({@code --conf}, JSON or YAML), environment variables, system properties, command-line flags.
 */
public final class ConfigLoader {

  /** Where configuration may come from; flags are keyed by {@link ConfigOption#key()}. */
  public record Sources(Path file, Map<String, String> environment, Map<String, String> systemProperties,
                        Map<String, String> flags) {

    public Sources {
      environment = Map.copyOf(environment);
      systemProperties = Map.copyOf(systemProperties);
      flags = Map.copyOf(flags);
    }
  }

  private ConfigLoader() {}

  public static Future<ThermobusConfig> load(Vertx vertx, Sources sources) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1);
    if (sources.file() != null) {
      if (!Files.isReadable(sources.file())) {
        return Future.failedFuture(new ConfigException("--conf " + sources.file() + ": file not found or not readable"));
      }
      options.addStore(fileStore(sources.file()));
    }
    options.addStore(jsonStore(byKey(sources.environment(), ConfigOption::environmentVariable)));
    options.addStore(jsonStore(byKey(sources.systemProperties(), ConfigOption::systemProperty)));
    options.addStore(jsonStore(byKey(sources.flags(), ConfigOption::key)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(failure -> Future.failedFuture(new ConfigException(
            "--conf " + sources.file() + ": not valid " + format(sources.file()).toUpperCase(Locale.ROOT) + ": "
                + firstLine(failure.getMessage()), failure)))
        .map(ThermobusConfig::from)
        .compose(config -> vertx.executeBlocking(() -> withWritableDataDir(config)))
        .eventually(retriever::close);
  }

  /** Runs on a worker thread: a data directory that cannot hold settings is a configuration error, not a later lost write. */
  private static ThermobusConfig withWritableDataDir(ThermobusConfig config) {
    try {
      SettingsFile.requireWritable(config.dataDir());
    } catch (IOException e) {
      throw ConfigException.invalid(ConfigOption.DATA_DIR,
          "cannot create or write the directory " + config.dataDir().toAbsolutePath().normalize() + ": " + SettingsFile.reason(e));
    }
    return config;
  }

  private static ConfigStoreOptions fileStore(Path file) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat(format(file))
        .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()));
  }

  private static String format(Path file) {
    String name = file == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
  }

  private static ConfigStoreOptions jsonStore(JsonObject values) {
    return new ConfigStoreOptions().setType("json").setConfig(values);
  }

  /** Picks the entries that name an option (by the given naming) and keys them by config key. */
  private static JsonObject byKey(Map<String, String> source, java.util.function.Function<ConfigOption, String> naming) {
    JsonObject values = new JsonObject();
    for (ConfigOption option : ConfigOption.values()) {
      String value = source.get(naming.apply(option));
      if (value != null) {
        values.put(option.key(), value);
      }
    }
    return values;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
