package io.thermobus.input;

import io.thermobus.event.Concern;
import io.thermobus.event.DesiredChanged;
import io.thermobus.event.DesiredValues;
import io.thermobus.event.InputReceived;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.SetDesired;
import io.thermobus.event.ShardQuery;
import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.SettingsUnreadableException;
import io.thermobus.settings.ZoneSettings;
import io.thermobus.sim.Centi;
import io.thermobus.zone.ShardVerticle;
import io.thermobus.zone.ZoneDirectory;
import io.thermobus.zone.ZoneList;
import io.thermobus.zone.ZoneSpec;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of inputs: the single writer of each hosted zone's desired temperature. Takes exact
 * values (REST, WebSocket) and key presses (terminal, browser); every key is published at once so
 * the display renders it without waiting for the next temperature change. Desired temperatures
 * are restored from the zones' settings files at start and saved on every change before the
 * change is confirmed; a deleted zone's file is removed. Start-up findings are logged once for
 * all zones, not once per zone.
 */
public final class InputVerticle extends ShardVerticle {

  /** Failure code of a refused request, mapped to HTTP 400 by the web layer. */
  public static final int REFUSED = 400;

  private static final Logger LOG = LoggerFactory.getLogger(InputVerticle.class);
  /** Unusable settings files are logged one by one up to this many per start, then only counted. */
  private static final int DETAILED_PROBLEMS = 3;

  /** One zone's input, owned by this verticle's event loop. */
  private final class Input {
    final String zone;
    final SettingsFile settings;
    int desiredCenti;
    boolean restored;
    KeyInput keys;
    Future<?> lastSave = Future.succeededFuture();

    Input(String zone, int desiredCenti) {
      this.zone = zone;
      this.settings = new SettingsFile(dataDir, zone);
      this.desiredCenti = desiredCenti;
    }

    KeyInput keys() {
      if (keys == null) {
        keys = new KeyInput(range, stepCenti);
      }
      return keys;
    }
  }

  /** What reading the settings found at start, on a worker thread. */
  private record Restored(Map<String, Integer> desired, List<String> problems, int unusable) {}

  private final DesiredRange range;
  private final int stepCenti;
  private final Path dataDir;
  // Owned by this verticle's event loop.
  private final Map<String, Input> inputs = new HashMap<>();

  public InputVerticle(int shard, ZoneDirectory directory, DesiredRange range, int stepCenti, Path dataDir) {
    super(Concern.INPUT, shard, directory);
    this.range = range;
    this.stepCenti = stepCenti;
    this.dataDir = dataDir;
  }

  @Override
  protected Future<?> prepare(List<ZoneSpec> zones) {
    zones.forEach(spec -> inputs.put(spec.name(), new Input(spec.name(), spec.desiredCenti())));
    List<Input> all = List.copyOf(inputs.values());
    return vertx.executeBlocking(() -> storedDesired(all)).onSuccess(restored -> {
      restored.desired().forEach((zone, centi) -> {
        Input input = inputs.get(zone);
        input.desiredCenti = centi;
        input.restored = true;
      });
      restored.problems().forEach(LOG::error);
      if (restored.unusable() > restored.problems().size()) {
        LOG.error("{} more zones' settings files were unusable; they start from their configured desired temperatures",
            restored.unusable() - restored.problems().size());
      }
      if (!restored.desired().isEmpty()) {
        LOG.info("{}: restored the desired temperature from {}", ZoneList.describe(restored.desired().keySet()), dataDir);
      }
    });
  }

  @Override
  protected void started() {
    inputs.forEach((zone, input) -> publishDesired(zone, input, input.restored ? "restored" : "start"));
  }

  /** Undeploying waits for the last saves, so a clean shutdown never loses a confirmed change. */
  @Override
  public Future<?> stop() {
    List<Future<?>> saves = new ArrayList<>();
    inputs.values().forEach(input -> {
      if (!input.lastSave.isComplete()) {
        saves.add(input.lastSave);
      }
    });
    return Future.join(saves).otherwiseEmpty();
  }

  /** A zone created at run time starts from its requested desired temperature, saved before it is confirmed. */
  @Override
  protected Future<?> add(ZoneSpec spec) {
    Input input = new Input(spec.name(), spec.desiredCenti());
    inputs.put(spec.name(), input);
    return save(spec.name(), input).onSuccess(saved -> publishDesired(spec.name(), input, "created"));
  }

  @Override
  protected Future<?> remove(String zone) {
    Input input = inputs.remove(zone);
    if (input == null) {
      return Future.succeededFuture();
    }
    return input.lastSave.otherwiseEmpty().compose(saved -> vertx.executeBlocking(() -> {
      input.settings.delete();
      return null;
    }));
  }

  @Override
  protected void receive(Object body, Message<Object> message) {
    if (body instanceof SetDesired request) {
      setDesired(request, message);
    } else if (body instanceof KeyPressed key) {
      keyPressed(key, message);
    } else if (body instanceof ShardQuery) {
      Map<String, Integer> desired = new HashMap<>();
      inputs.forEach((zone, input) -> desired.put(zone, input.desiredCenti));
      message.reply(new DesiredValues(desired));
    }
  }

  private void setDesired(SetDesired request, Message<Object> message) {
    Input input = inputs.get(request.zone());
    if (input == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + request.zone() + "'");
      return;
    }
    int requested;
    try {
      requested = range.require(request.celsius());
    } catch (IllegalArgumentException e) {
      message.fail(REFUSED, e.getMessage());
      return;
    }
    Future<?> saved = change(request.zone(), input, requested);
    publishDesired(request.zone(), input, request.source());
    saved.onComplete(done -> message.reply(requested));
  }

  private void keyPressed(KeyPressed key, Message<Object> message) {
    Input input = inputs.get(key.zone());
    if (input == null) {
      message.fail(UNKNOWN_ZONE, "no zone named '" + key.zone() + "'");
      return;
    }
    if (!KeyInput.isKnown(key.key())) {
      message.fail(REFUSED, KeyInput.UNSUPPORTED);
      return;
    }
    KeyInput keys = input.keys();
    KeyInput.Outcome outcome = keys.press(key.key(), input.desiredCenti);
    events.publish(new InputReceived(key.zone(), key.key(), keys.trace(), keys.pending(), Instant.now()));
    Future<?> saved = Future.succeededFuture();
    if (outcome.desiredCenti().isPresent() && outcome.desiredCenti().getAsInt() != input.desiredCenti) {
      saved = change(key.zone(), input, outcome.desiredCenti().getAsInt());
      publishDesired(key.zone(), input, key.source());
    }
    int answer = input.desiredCenti;
    saved.onComplete(done -> {
      if (outcome.error() != null) {
        message.fail(REFUSED, outcome.error());
      } else {
        message.reply(answer);
      }
    });
  }

  /** Applies a new desired temperature and saves it; the future completes once it is on disk (or failed to get there). */
  private Future<?> change(String zone, Input input, int centi) {
    if (centi == input.desiredCenti) {
      return input.lastSave;
    }
    input.desiredCenti = centi;
    return save(zone, input);
  }

  private Future<?> save(String zone, Input input) {
    ZoneSettings snapshot = ZoneSettings.ofDesiredCenti(input.desiredCenti);
    input.lastSave = vertx.executeBlocking(() -> {
      input.settings.write(snapshot);
      return null;
    }).onFailure(failure -> LOG.error("Zone {}: could not save settings to {}: {}", zone, input.settings.path(), failure.getMessage()));
    return input.lastSave;
  }

  /** Runs on a worker thread; an unusable file is reported, set aside, and the configured default is kept. */
  private Restored storedDesired(List<Input> all) {
    Map<String, Integer> desired = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int unusable = 0;
    for (Input input : all) {
      String problem = null;
      try {
        Optional<ZoneSettings> stored = input.settings.read();
        if (stored.isPresent()) {
          desired.put(input.zone, range.require(stored.get().desired()));
        }
      } catch (SettingsUnreadableException e) {
        problem = "Zone " + input.zone + ": " + e.getMessage() + "; starting from the configured defaults" + setAside(input);
      } catch (IllegalArgumentException e) {
        problem = "Zone " + input.zone + ": settings file " + input.settings.path() + " holds a desired temperature outside "
            + Centi.format(range.minCenti()) + "–" + Centi.format(range.maxCenti()) + " °C; starting from the configured defaults"
            + setAside(input);
      }
      if (problem != null && ++unusable <= DETAILED_PROBLEMS) {
        problems.add(problem);
      }
    }
    return new Restored(desired, problems, unusable);
  }

  private static String setAside(Input input) {
    try {
      return " (the file was kept as " + input.settings.quarantine() + ")";
    } catch (IOException e) {
      return " (the file could not be moved aside: " + e.getMessage() + ")";
    }
  }

  private void publishDesired(String zone, Input input, String source) {
    events.publish(new DesiredChanged(zone, input.desiredCenti, source, Instant.now()));
  }
}
