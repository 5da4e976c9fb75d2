package io.thermobus.input;

import io.thermobus.settings.SettingsFile;
import io.thermobus.settings.ZoneSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Writes one input shard's zone settings on worker threads; while some zones cannot save, writes
 * their current settings again every {@code retry}, each in its zone's turn, until every one
 * succeeds: one timer per shard. Owned by the shard's event loop.
 */
final class SettingsSaver {

  private final Vertx vertx;
  private final UnsavedZones unsaved;
  private final Duration retry;
  /** Whether the shard still hosts this input: a failure of a zone deleted meanwhile is no one's concern. */
  private final Predicate<ZoneInput> hosted;
  private long retryTimer = -1;

  SettingsSaver(Vertx vertx, UnsavedZones unsaved, Duration retry, Predicate<ZoneInput> hosted) {
    this.vertx = vertx;
    this.unsaved = unsaved;
    this.retry = retry;
    this.hosted = hosted;
  }

  /** Writes a hosted zone's settings and, once written, takes them as its saved ones; keeps the unsaved zones up to date. */
  Future<Void> save(ZoneInput input, ZoneSettings settings) {
    return write(input, settings)
        .onSuccess(saved -> {
          input.saved(settings);
          unsaved.saved(input);
        })
        .onFailure(failure -> {
          if (!hosted.test(input)) {
            return;
          }
          unsaved.failed(input, reason(failure));
          retryUntilSaved();
        });
  }

  /** Writes the settings on a worker thread, and nothing else. */
  Future<Void> write(ZoneInput input, ZoneSettings snapshot) {
    return vertx.executeBlocking(() -> {
      input.settings.write(snapshot);
      return null;
    });
  }

  /** Arms the retry timer unless it is armed or every zone saves. */
  void retryUntilSaved() {
    if (retryTimer < 0 && !unsaved.isEmpty()) {
      retryTimer = vertx.setTimer(retry.toMillis(), id -> {
        retryTimer = -1;
        // A retry that fails arms the timer again.
        unsaved.zones().forEach(input -> input.turns.then(() -> save(input, input.saved())));
      });
    }
  }

  static String reason(Throwable failure) {
    return failure instanceof IOException io ? SettingsFile.reason(io) : String.valueOf(failure.getMessage());
  }
}
