package io.thermobus.web;

import io.thermobus.stream.FrameSink;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The stream connections still open, so that stopping the server closes them properly. Owned by the web verticle's event loop. */
final class OpenStreams {

  private final Set<FrameSink> open = new LinkedHashSet<>();

  void add(FrameSink sink) {
    open.add(sink);
  }

  void remove(FrameSink sink) {
    open.remove(sink);
  }

  /** Closes every open stream (WebSockets with 1001); completes when all are closed. */
  Future<?> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (FrameSink sink : List.copyOf(open)) {
      // A socket that failed to close is gone anyway: it must not make shutdown wait.
      closing.add(sink.closeForShutdown().otherwiseEmpty());
    }
    open.clear();
    return Future.all(closing);
  }
}
