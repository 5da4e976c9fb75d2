package io.thermobus.bus;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drains several cursors in one call. Members that read every topic from one common position
 * form a lane that walks the log once, handing each event to all of them (the way a Disruptor
 * handler dispatches to N); everything else (the other members, and lane members once the lane
 * stops at an evicted or unpublished slot) continues with each cursor's own read loop, so each
 * member gets exactly what its own drain would have given it.
 */
final class GroupDrain {

  private GroupDrain() {
  }

  /** Takes the members' locks in id order (so overlapping groups cannot deadlock), then drains. */
  static <T> int drain(RetainedLog<T> log, Cursor<T>[] members, int max, GroupSink<T> sink, LongAdder laggedMarkers) {
    Cursor<T>[] byId = members.clone();
    Arrays.sort(byId, Comparator.comparingLong(c -> c.id));
    for (int i = 1; i < byId.length; i++) {
      if (byId[i] == byId[i - 1]) {
        throw new IllegalArgumentException("subscription " + byId[i].id + " is twice in the group");
      }
    }
    int locked = 0;
    try {
      for (Cursor<T> cursor : byId) {
        cursor.lock();
        locked++;
      }
      return drainLocked(log, members, max, sink, laggedMarkers);
    } finally {
      for (int i = locked - 1; i >= 0; i--) {
        byId[i].unlock();
      }
    }
  }

  private static <T> int drainLocked(RetainedLog<T> log, Cursor<T>[] members, int max, GroupSink<T> sink,
      LongAdder laggedMarkers) {
    boolean[] reading = new boolean[members.length];
    for (int i = 0; i < members.length; i++) {
      Cursor<T> cursor = members[i];
      if (cursor.draining) {
        throw new IllegalStateException("subscription " + cursor.id + " read again from inside its own sink");
      }
    }
    try {
      int[] lane = new int[members.length];
      int laneSize = 0;
      long position = -1;
      for (int i = 0; i < members.length; i++) {
        Cursor<T> cursor = members[i];
        if (cursor.live()) {
          cursor.draining = true;
          reading[i] = true;
          if (cursor.filter.matchesAll() && (position < 0 || cursor.next == position)) {
            position = cursor.next;
            lane[laneSize++] = i;
          }
        }
      }
      int[] delivered = {0};
      int laneEvents = 0;
      if (laneSize > 1) {
        laneEvents = walkLane(log, members, lane, laneSize, position, max, sink, delivered);
      } else {
        laneSize = 0;
      }
      int total = delivered[0];
      boolean[] inLane = new boolean[members.length];
      for (int l = 0; l < laneSize; l++) {
        inLane[lane[l]] = true;
      }
      for (int i = 0; i < members.length; i++) {
        Cursor<T> cursor = members[i];
        int budget = inLane[i] ? max - laneEvents : max;
        if (reading[i] && budget > 0 && !cursor.closedInSink) {
          int member = i;
          total += cursor.drainLocked(log, budget, d -> sink.accept(member, d), laggedMarkers);
        }
      }
      return total;
    } finally {
      for (int i = 0; i < members.length; i++) {
        if (reading[i]) {
          members[i].draining = false;
        }
      }
    }
  }

  /**
   * Hands each event from {@code position} on to every lane member while the slots hold the
   * seqs wanted, at most {@code max} events. A member tombstoned by a sink meanwhile leaves the
   * lane. On return, or if a sink throws, every member's cursor says what it received (the
   * delivery a sink threw on counts as received, as in a single drain).
   *
   * @return events walked (the members still in the lane each received all of them)
   */
  private static <T> int walkLane(RetainedLog<T> log, Cursor<T>[] members, int[] lane, int laneSize, long position,
      int max, GroupSink<T> sink, int[] delivered) {
    Envelope<T>[] ring = log.ring();
    long n = position;
    int index = RetainedLog.index(ring, n);
    int walked = 0;
    int served = 0;
    boolean midEvent = false;
    try {
      while (walked < max) {
        Envelope<T> e = ring[index];
        if (e == null || e.seq() != n) {
          break;
        }
        midEvent = true;
        for (served = 0; served < laneSize; served++) {
          int member = lane[served];
          if (members[member].closedInSink) {
            members[member].next = n;
            lane[served--] = lane[--laneSize];
            continue;
          }
          delivered[0]++;
          sink.accept(member, e);
        }
        midEvent = false;
        n++;
        index = RetainedLog.nextIndex(ring, index);
        walked++;
      }
      return walked;
    } finally {
      for (int l = 0; l < laneSize; l++) {
        members[lane[l]].next = midEvent && l <= served ? n + 1 : n;
      }
    }
  }
}
