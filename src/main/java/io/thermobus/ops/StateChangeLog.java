package io.thermobus.ops;

import io.thermobus.event.DesiredChanged;
import io.thermobus.event.HeaterSwitched;
import io.thermobus.event.TemperatureChanged;
import io.thermobus.event.Topic;
import io.thermobus.event.ZoneEvent;
import io.thermobus.sim.Centi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every change of a zone's temperature, desired temperature and heater at debug level, from
 * the topic events, under one logger ({@code io.thermobus.ops.StateChangeLog}) an operator can turn
 * on alone. It only listens while that logger is enabled for debug at start.
 */
public final class StateChangeLog extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StateChangeLog.class);

  @Override
  public Future<?> start() {
    if (!LOG.isDebugEnabled()) {
      return Future.succeededFuture();
    }
    return Future.all(
        on(Topic.TEMPERATURE, (TemperatureChanged event) ->
            LOG.debug("Zone {}: temperature {} °C", event.zone(), Centi.toCelsius(event.centi()))),
        on(Topic.DESIRED, (DesiredChanged event) ->
            LOG.debug("Zone {}: desired {} °C (from {})", event.zone(), Centi.toCelsius(event.centi()), event.source())),
        on(Topic.HEATER, (HeaterSwitched event) ->
            LOG.debug("Zone {}: heater {} at {} °C (desired {} °C)", event.zone(), event.on() ? "on" : "off",
                celsius(event.temperature()), celsius(event.desired()))));
  }

  /** A fail-safe switch-off may come before the temperatures are known. */
  private static Object celsius(Integer centi) {
    return centi == null ? "unknown" : Centi.toCelsius(centi);
  }

  private <E extends ZoneEvent> Future<Void> on(Topic topic, Consumer<E> log) {
    return vertx.eventBus().<E>consumer(topic.address(), (Message<E> message) -> log.accept(message.body())).completion();
  }
}
