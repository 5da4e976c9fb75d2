package io.thermobus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thermobus.bus.ChapterDemo;
import io.thermobus.cluster.ClusterJars;
import io.thermobus.cluster.HazelcastSetup;
import io.thermobus.config.ConfigException;
import io.thermobus.config.ConfigLoader;
import io.thermobus.config.ConfigOption;
import io.thermobus.config.ThermobusConfig;
import io.thermobus.device.DeviceSettings;
import io.thermobus.device.DeviceTopics;
import io.thermobus.device.VirtualDeviceVerticle;
import io.thermobus.experiment.ExperimentCommand;
import io.thermobus.experiment.ScenarioFiles;
import io.thermobus.ops.Logging;
import io.thermobus.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** The command line: parses flags, loads configuration, starts the service and stops it on SIGTERM. */
public final class Main {

  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;

  private Main() {}

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // Hazelcast logs its first lines before it reads its configuration: the system property reaches those too.
    System.setProperty("hazelcast.logging.type", "slf4j");
    // Netty's buffer allocator defines JFR events: registering them with the flight recorder took
    // a quarter of a second of the first request. A user who wants them sets the property true.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    if (args.length == 0) {
      // Nothing to parse: picocli's model of the command line took a fifth of a second on one CPU.
      run(new HashMap<>(), null);
      return;
    }
    CommandLine commandLine = new CommandLine(commandSpec());
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("thermobus: " + e.getMessage());
      System.err.println("Run 'java -jar thermobus.jar --help' for the options.");
      System.exit(EXIT_CONFIG);
      return;
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return;
    }
    ParseResult subcommand = parsed.subcommand();
    if (subcommand != null && subcommand.commandSpec().name().equals("experiment")) {
      System.exit(ExperimentCommand.run(subcommand.matchedPositionalValue(0, ""), subcommand.hasMatchedOption("--json"),
          System.out, System.err));
      return;
    }
    if (subcommand != null && subcommand.commandSpec().name().equals(DeviceSettings.NAME)) {
      runDevice(subcommand);
      return;
    }
    if (subcommand != null) {
      runBusDemo();
      return;
    }
    run(parsed);
  }

  private static void run(ParseResult parsed) {
    Map<String, String> flags = new HashMap<>();
    for (ConfigOption option : ConfigOption.values()) {
      if (parsed.hasMatchedOption(option.flag())) {
        flags.put(option.key(), parsed.matchedOptionValue(option.flag(), ""));
      }
    }
    run(flags, parsed.hasMatchedOption("--conf") ? Path.of(parsed.<String>matchedOptionValue("--conf", "")) : null);
  }

  /** The service, configured by {@code flags} (by config key) over the config {@code file} (or null), environment and system properties. */
  private static void run(Map<String, String> flags, Path file) {
    boolean terminal = System.console() != null;
    if (terminal && !flags.containsKey(ConfigOption.CONSOLE.key())) {
      flags.put(ConfigOption.CONSOLE.key(), "true");
    }
    ConfigLoader.Sources sources = new ConfigLoader.Sources(file, System.getenv(), systemProperties(), flags);

    // Configuration is read on the standalone service's own Vertx; a clustered one is built once the
    // configuration says so, and that first Vertx (with its registry) is then closed unused.
    PrometheusMeterRegistry metrics = Metrics.newRegistry();
    Vertx standalone = Metrics.instrumentedVertx(metrics).build();
    ThermobusConfig config;
    try {
      config = ConfigLoader.load(standalone, sources).await(30, TimeUnit.SECONDS);
      if (config.cluster().enabled()) {
        ClusterJars.require();
      }
    } catch (Exception e) {
      standalone.close();
      Throwable cause = e instanceof ConfigException ? e : e.getCause() instanceof ConfigException c ? c : e;
      System.err.println("thermobus: invalid configuration: " + cause.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    Logging.apply(config.log());
    if (!config.cluster().enabled()) {
      serve(standalone, () -> Thermobus.start(standalone, metrics, config, terminal, System.out));
      return;
    }
    standalone.close();
    PrometheusMeterRegistry clusterMetrics = Metrics.newRegistry();
    HazelcastSetup.Joined joined;
    try {
      joined = HazelcastSetup.join(clusterMetrics, config.cluster(), config.dataDir()).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Hazelcast's own message names the address and port; its causes only say "Address already in use".
      System.err.println("thermobus: could not join the cluster: " + (e.getMessage() != null ? e.getMessage() : rootMessage(e)));
      System.exit(EXIT_START);
      return;
    }
    serve(joined.vertx(), () -> Thermobus.start(joined.vertx(), clusterMetrics, config, joined.node(), terminal, System.out));
  }

  /** Starts the service on {@code vertx}, prints its banner, and stops it on SIGTERM (or closes {@code vertx} on exit). */
  private static void serve(Vertx vertx, Supplier<Future<Thermobus.Running>> start) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }, "thermobus-shutdown"));
    try {
      Thermobus.Running running = start.get().await(60, TimeUnit.SECONDS);
      GracefulExit.onSignals(budget -> Thermobus.stop(vertx, running, budget));
      System.out.println(running.banner());
    } catch (Exception e) {
      System.err.println("thermobus: could not start: " + rootMessage(e));
      System.exit(EXIT_START);
    }
  }

  /** The {@code device} subcommand: a simulated room on a broker until SIGTERM. */
  private static void runDevice(ParseResult parsed) {
    DeviceSettings settings;
    try {
      settings = DeviceSettings.from(parsed, System.getenv(DeviceSettings.PASSWORD_VARIABLE));
    } catch (IllegalArgumentException e) {
      System.err.println("thermobus device: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      VirtualDeviceVerticle.deploy(vertx, settings).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("thermobus device: could not start: " + rootMessage(e));
      System.exit(EXIT_START);
      return;
    }
    GracefulExit.onSignals(budget -> vertx.close().await(budget.toMillis(), TimeUnit.MILLISECONDS));
    DeviceTopics topics = settings.topics();
    System.out.println("Thermobus device " + settings.zone() + " on " + settings.broker() + ": readings on " + topics.temperature()
        + ", commands on " + topics.heaterSet() + ", heater state on " + topics.heater());
  }

  private static void runBusDemo() {
    try {
      ChapterDemo.run(System.out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static CommandSpec commandSpec() {
    CommandSpec spec = CommandSpec.create()
        .name("thermobus")
        .version("Thermobus " + version())
        .mixinStandardHelpOptions(true);
    spec.usageMessage()
        .description("A reactive home-heating service on Vert.x: simulated rooms, a thermostat, a subscriber-queue bus and a live dashboard.",
            "Each option can also be set in a config file (--conf), an environment variable or a system property, lowest precedence first: defaults, file, environment, system properties, flags.")
        .footer("", "Example: THERMOBUS_TOKEN=secret java -jar thermobus.jar --port 0 --time-scale 60");
    spec.addOption(OptionSpec.builder("--conf").paramLabel("FILE").type(String.class)
        .description("configuration file, JSON or YAML (by its .json/.yaml/.yml ending)").build());
    for (ConfigOption option : ConfigOption.values()) {
      OptionSpec.Builder flag = OptionSpec.builder(option.flag())
          .paramLabel(option.key().toUpperCase(java.util.Locale.ROOT))
          .type(String.class)
          .description(option.description() + " [env " + option.environmentVariable()
              + (option.defaultValue() == null ? "" : ", default " + option.defaultValue()) + "]");
      if (option.isSwitch()) {
        flag.arity("0..1").fallbackValue("true");
      }
      spec.addOption(flag.build());
    }
    spec.addSubcommand("bus-demo", CommandSpec.create().mixinStandardHelpOptions(true).usageMessage(
        new CommandLine.Model.UsageMessageSpec().description(
            "Replays the chapter's event-bus example: two consumers read 1.0, 2.0, 3.0 and unsubscribe; the chamber before and after the sweep.")));
    spec.addSubcommand("experiment", CommandSpec.create().mixinStandardHelpOptions(true)
        .addPositional(PositionalParamSpec.builder().paramLabel("NAME|FILE").type(String.class).arity("1").required(true)
            .description("a shipped scenario (" + String.join(", ", ScenarioFiles.SHIPPED) + ") or a scenario file, YAML or JSON").build())
        .addOption(OptionSpec.builder("--json").type(boolean.class).description("print the experiment's JSON answer instead of the table").build())
        .usageMessage(new CommandLine.Model.UsageMessageSpec().description(
            "Runs a scenario's controllers side by side through the pure classes, as fast as the CPU allows, and prints their analytics.")));
    spec.addSubcommand(DeviceSettings.NAME, DeviceSettings.commandSpec());
    return spec;
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private static Map<String, String> systemProperties() {
    Properties properties = System.getProperties();
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
