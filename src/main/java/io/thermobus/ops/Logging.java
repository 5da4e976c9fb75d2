package io.thermobus.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.thermobus.config.LogFormat;
import io.thermobus.config.LogSettings;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log format and level to Logback once the configuration is read:
 * {@link LogbackConfigurator} sets up readable lines on stderr, and JSON swaps that appender's encoder
 * for Logback's {@link JsonEncoder}, one object per line.
 */
public final class Logging {

  private Logging() {}

  public static void apply(LogSettings settings) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("logging is not bound to Logback: " + LoggerFactory.getILoggerFactory());
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.convertAnSLF4JLevel(settings.level()));
    if (settings.format() == LogFormat.JSON
        && root.getAppender(LogbackConfigurator.APPENDER) instanceof ConsoleAppender<ILoggingEvent> appender) {
      appender.stop();
      appender.setEncoder(jsonEncoder(context));
      appender.start();
    }
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithArguments(false);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.start();
    return encoder;
  }
}
