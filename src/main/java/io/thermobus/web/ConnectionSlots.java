package io.thermobus.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection slots of the HTTP server and what each connection is doing: waiting for its
 * first request's headers, idle between keep-alive requests, busy with a request (a long-poll or
 * an event stream is a request until it ends), or upgraded to a WebSocket. Idle and waiting
 * connections are expired by their timeouts; at the limit the longest-idle one gives up its slot
 * to a new connection, as nginx and Envoy do, so idle keep-alives cannot starve active clients.
 * A slot is freed once, whichever of close, expiry or eviction comes first. Not thread-safe: the
 * web verticle's event loop owns it.
 *
 * @param <C> the connection
 */
final class ConnectionSlots<C> {

  /** What {@link #open} decided: whether the connection has a slot, and which one to close for it. */
  record Opened<C>(boolean admitted, C evicted) {}

  private enum Phase { NEW, IDLE, BUSY, UPGRADED }

  private static final class Slot {
    Phase phase = Phase.NEW;
    int requests;
    long since;
  }

  private final int max;
  private final long headerTimeoutNanos;
  private final long idleTimeoutNanos;
  private final Map<C, Slot> slots = new HashMap<>();
  /** Connections that hold a slot and have no request in flight, longest waiting first. */
  private final LinkedHashMap<C, Slot> waiting = new LinkedHashMap<>();
  /** Connections beyond the limit, with the time they opened: their request is refused, or they expire. */
  private final LinkedHashMap<C, Long> refused = new LinkedHashMap<>();

  ConnectionSlots(int max, long headerTimeoutNanos, long idleTimeoutNanos) {
    this.max = max;
    this.headerTimeoutNanos = headerTimeoutNanos;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** A new connection: it gets a free slot, or the longest-idle connection's, or none. */
  Opened<C> open(C connection, long now) {
    C evicted = null;
    if (slots.size() >= max) {
      Iterator<C> oldest = waiting.keySet().iterator();
      if (!oldest.hasNext()) {
        refused.put(connection, now);
        return new Opened<>(false, null);
      }
      evicted = oldest.next();
      release(evicted);
    }
    Slot slot = new Slot();
    slot.since = now;
    slots.put(connection, slot);
    waiting.put(connection, slot);
    return new Opened<>(true, evicted);
  }

  /** Whether the connection was opened beyond the limit (its requests are refused). */
  boolean isRefused(C connection) {
    return refused.containsKey(connection);
  }

  void requestStarted(C connection) {
    Slot slot = slots.get(connection);
    if (slot == null || slot.phase == Phase.UPGRADED) {
      return;
    }
    slot.requests++;
    slot.phase = Phase.BUSY;
    waiting.remove(connection);
  }

  void requestEnded(C connection, long now) {
    Slot slot = slots.get(connection);
    if (slot == null || slot.phase != Phase.BUSY || --slot.requests > 0) {
      return;
    }
    slot.phase = Phase.IDLE;
    slot.since = now;
    waiting.put(connection, slot);
  }

  /** The connection became a WebSocket: it keeps its slot, without timeouts, until it closes. */
  void upgraded(C connection) {
    Slot slot = slots.get(connection);
    if (slot != null) {
      slot.phase = Phase.UPGRADED;
      waiting.remove(connection);
    }
  }

  /** The connection closed, however; its slot is free. Closing it again or after expiry does nothing. */
  void closed(C connection) {
    release(connection);
    refused.remove(connection);
  }

  /**
   * Removes and answers the connections that waited too long: for their first request's headers
   * (or, refused, for any request) longer than the header timeout; idle after a request longer
   * than the idle timeout. The caller closes them.
   */
  List<C> expire(long now) {
    List<C> expired = new ArrayList<>();
    for (Iterator<Map.Entry<C, Slot>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<C, Slot> entry = it.next();
      Slot slot = entry.getValue();
      long timeout = slot.phase == Phase.NEW ? headerTimeoutNanos : idleTimeoutNanos;
      if (now - slot.since >= timeout) {
        expired.add(entry.getKey());
        slots.remove(entry.getKey());
        it.remove();
      }
    }
    for (Iterator<Map.Entry<C, Long>> it = refused.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<C, Long> entry = it.next();
      if (now - entry.getValue() < headerTimeoutNanos) {
        break;
      }
      expired.add(entry.getKey());
      it.remove();
    }
    return expired;
  }

  /** Connections holding a slot. */
  int size() {
    return slots.size();
  }

  private void release(C connection) {
    slots.remove(connection);
    waiting.remove(connection);
  }
}
