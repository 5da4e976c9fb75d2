package io.thermobus.ops;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration, in code and found as a service: readable lines on stderr and
 * quieter libraries. Parsing a {@code logback.xml} took a sixth of the time to ready; a file named by
 * {@code -Dlogback.configurationFile} still wins, read by Logback's own configurator.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

  /** The one appender, whose encoder {@link Logging} swaps for JSON. */
  static final String APPENDER = "STDERR";
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    // The configured logFormat and logLevel (Logging) replace the root's level and encoder once read.
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);

    level(context, "io.netty", Level.WARN);
    level(context, "io.vertx", Level.INFO);
    // vertx-micrometer-metrics registers its event-bus handler gauge again for every consumer; Micrometer
    // hands back the existing gauge but warns "This Gauge has been already registered". Harmless.
    level(context, "io.micrometer.core.instrument.MeterRegistry", Level.ERROR);
    // A shard being undeployed (redeployed after a failure, or at shutdown) may still be sent events
    // for its zones; Vert.x warns once per message ("Discarding message since the consumer is not
    // registered"), thousands of lines with many zones. The supervisor and the fail-safe report
    // what matters: which shard went and which zones lost their readings.
    level(context, "io.vertx.core.eventbus.impl.MessageConsumerImpl", Level.ERROR);
    // vertx-mqtt logs every failed connection attempt, some with a stack trace; the broker verticle
    // (io.thermobus.mqtt.MqttBrokerVerticle) reports each change of the connection once instead.
    level(context, "io.vertx.mqtt.impl.MqttClientImpl", Level.OFF);
    // Hazelcast: warnings, plus the member list whenever it changes; its start-up banners stay out.
    level(context, "com.hazelcast", Level.WARN);
    level(context, "com.hazelcast.internal.cluster.ClusterService", Level.INFO);
    level(context, "com.hazelcast.internal.cluster.impl.MembershipManager", Level.INFO);
    // "CP Subsystem is not enabled ... UNSAFE mode": Thermobus uses no CP structure (ownership is by partition).
    level(context, "com.hazelcast.cp.CPSubsystem", Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static void level(LoggerContext context, String logger, Level level) {
    context.getLogger(logger).setLevel(level);
  }
}
