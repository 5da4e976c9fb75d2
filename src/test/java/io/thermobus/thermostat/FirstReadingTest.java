package io.thermobus.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.thermobus.control.ControlSettings;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.EventCodec;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.Readings;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvents;
import io.thermobus.event.ZoneRequests;
import io.thermobus.event.ZoneState;
import io.thermobus.ops.Health;
import io.thermobus.ops.StateChangeLog;
import io.thermobus.settings.SettingsHealth;
import io.thermobus.sim.SimClock;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A display whose room has not published yet is waiting, not in a fault: the heater stays off, the
 * state and frame say it is waiting, and the fail-safe switch is logged once at debug level.
 */
@ExtendWith(VertxExtension.class)
class FirstReadingTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Logger thermobusLogger = (Logger) LoggerFactory.getLogger("io.thermobus");
  private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<ILoggingEvent> logged = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      logged.add(event);
    }
  };
  private final ZoneDirectory directory = new ZoneDirectory(1, 10, List.of(ZoneSpec.simulated("home", 2100, 2090)));
  private final List<HeaterSwitched> switches = new CopyOnWriteArrayList<>();
  private final List<FrameRendered> frames = new CopyOnWriteArrayList<>();
  private Level previousLevel;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    previousLevel = thermobusLogger.getLevel();
    thermobusLogger.setLevel(Level.DEBUG);
    appender.start();
    rootLogger.addAppender(appender);
    EventCodec.registerAll(vertx.eventBus());
    vertx.eventBus().<HeaterSwitched>consumer(Topic.HEATER.address(), message -> switches.add(message.body()));
    vertx.eventBus().<FrameRendered>consumer(Topic.FRAME.address(), message -> frames.add(message.body()));
    vertx.deployVerticle(new StateChangeLog()).await(10, TimeUnit.SECONDS);
    // No room and no input: nothing ever publishes a reading. At 100x the 12 s timeout is its floor of one wall second.
    vertx.deployVerticle(new DisplayVerticle(0, directory, ZoneControls.controllers(ControlSettings.CHAPTER),
            SimClock.system(100), Duration.ofSeconds(12)))
        .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void restoreLogging() {
    rootLogger.detachAppender(appender);
    thermobusLogger.setLevel(previousLevel);
  }

  @Test
  void shouldWaitForAFirstReadingWithTheHeaterOffAndWithoutAFault(Vertx vertx) throws Exception {
    await("the first reading overdue").atMost(PATIENCE).until(() -> !switches.isEmpty());
    HeaterSwitched off = switches.get(0);
    assertThat(off.on()).isFalse();
    assertThat(off.temperature()).as("before the first reading").isNull();

    ZoneState waiting = state(vertx);
    assertThat(waiting.fault()).as("waiting is not a fault").isNull();
    assertThat(waiting.readings()).isEqualTo(Readings.WAITING);
    assertThat(waiting.heaterOn()).isFalse();
    await().atMost(PATIENCE).until(() -> !frames.isEmpty());
    assertThat(frames.get(frames.size() - 1).text()).contains("Waiting for a first temperature reading").doesNotContain("FAULT");

    CheckResult readiness = Health.readiness(vertx, directory, Map::of, new SettingsHealth())
        .checkStatus().await(10, TimeUnit.SECONDS);
    assertThat(readiness.getUp()).isFalse();
    JsonObject zones = readiness.getChecks().stream().filter(check -> check.getId().equals("zones")).findFirst().orElseThrow().getData();
    assertThat(zones.getJsonObject("notUp").getString("home")).isEqualTo("waiting for a first reading");

    await("logged at debug").atMost(PATIENCE)
        .until(() -> logged.stream().anyMatch(event -> event.getFormattedMessage().equals("Zone home: heater off at -- (desired --)")));
    assertThat(logged).as("the switch is logged once").filteredOn(event -> event.getFormattedMessage().contains("heater off")).hasSize(1);
    assertThat(logged).as("nothing failed").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));

    ZoneEvents events = new ZoneEvents(vertx.eventBus(), directory);
    events.publish(new DesiredChanged("home", 2100, "test", Instant.now()));
    events.publish(new TemperatureChanged("home", 2090, Instant.now()));
    await("heating on the first reading").atMost(PATIENCE).until(() -> switches.get(switches.size() - 1).on());
    ZoneState live = state(vertx);
    assertThat(live.readings()).isEqualTo(Readings.LIVE);
    assertThat(live.fault()).isNull();
  }

  private ZoneState state(Vertx vertx) throws Exception {
    return ZoneRequests.state(vertx.eventBus(), directory, "home").await(10, TimeUnit.SECONDS);
  }
}
