package io.thermobus.bus;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drains several cursors in one call. Members with the first live member's filter and position
 * form a lane that walks the log once, matching each event against the filter once and handing it
 * to all of them (the way a Disruptor handler dispatches to N); everything else (the other
 * members, and lane members once the lane stops at an evicted or unpublished slot) continues with
 * each cursor's own read loop, so each member gets exactly what its own drain would have given it.
 * Allocation-free when the members come in id order.
 */
final class GroupDrain {

  /** Values of {@code Cursor.groupRole}, set and cleared under the members' locks. */
  private static final int IDLE = 0;
  private static final int READING = 1;
  private static final int IN_LANE = 2;
  /** Left the lane because a sink tombstoned it; its cursor says what it received. */
  private static final int LEFT_LANE = 3;

  private GroupDrain() {
  }

  /** Takes the members' locks in id order (so overlapping groups cannot deadlock), then drains. */
  static <T> int drain(RetainedLog<T> log, Cursor<T>[] members, int max, GroupSink<T> sink, LongAdder laggedMarkers) {
    Cursor<T>[] byId = members;
    for (int i = 1; i < members.length && byId == members; i++) {
      if (members[i].id <= members[i - 1].id) {
        byId = members.clone();
        Arrays.sort(byId, Comparator.comparingLong(c -> c.id));
      }
    }
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
    for (Cursor<T> cursor : members) {
      if (cursor.draining) {
        throw new IllegalStateException("subscription " + cursor.id + " read again from inside its own sink");
      }
    }
    try {
      long position = -1;
      TopicFilter filter = null;
      int laneSize = 0;
      for (Cursor<T> cursor : members) {
        if (cursor.live()) {
          cursor.draining = true;
          cursor.groupRole = READING;
          if (filter == null || (cursor.next == position && cursor.filter.equals(filter))) {
            position = cursor.next;
            filter = cursor.filter;
            cursor.groupRole = IN_LANE;
            laneSize++;
          }
        }
      }
      int total = 0;
      int walked = 0;
      // Once the lane has read up to the newest event, its members have nothing more to read on their own.
      boolean laneCaughtUp = false;
      if (laneSize > 1) {
        walked = walkLane(log, members, position, filter, max, sink);
        for (Cursor<T> cursor : members) {
          if (cursor.groupRole == IN_LANE) {
            total += walked;
            laneCaughtUp = walked < max && unpublished(log, cursor.next);
          } else if (cursor.groupRole == LEFT_LANE) {
            total += cursor.laneReceived;
          }
        }
      } else if (laneSize == 1) {
        for (Cursor<T> cursor : members) {
          if (cursor.groupRole == IN_LANE) {
            cursor.groupRole = READING;
          }
        }
      }
      for (int i = 0; i < members.length; i++) {
        Cursor<T> cursor = members[i];
        int budget = cursor.groupRole == IN_LANE ? (laneCaughtUp ? 0 : max - walked) : max;
        if ((cursor.groupRole == READING || cursor.groupRole == IN_LANE) && budget > 0 && !cursor.closedInSink) {
          int member = i;
          total += cursor.drainLocked(log, budget, d -> sink.accept(member, d), laggedMarkers);
        }
      }
      return total;
    } finally {
      for (Cursor<T> cursor : members) {
        if (cursor.groupRole != IDLE) {
          cursor.draining = false;
          cursor.groupRole = IDLE;
        }
      }
    }
  }

  /** Whether {@code seq} is not published yet, by the read loop's rules (see {@code RetainedLog}). */
  private static <T> boolean unpublished(RetainedLog<T> log, long seq) {
    Envelope<T>[] ring = log.ring();
    Envelope<T> e = ring[RetainedLog.index(ring, seq)];
    return e == null ? !log.publishedAfterMiss(seq) : e.seq() < seq;
  }

  /**
   * Hands each event from {@code position} on that the lane's filter matches to every lane member,
   * while the slots hold the seqs wanted, at most {@code max} events. A member tombstoned by a sink
   * meanwhile leaves the lane. On return, or if a sink throws, every member's cursor says what it
   * received (the delivery a sink threw on counts as received, as in a single drain).
   *
   * @return events handed over (the members still in the lane each received all of them)
   */
  private static <T> int walkLane(RetainedLog<T> log, Cursor<T>[] members, long position, TopicFilter filter, int max,
      GroupSink<T> sink) {
    Envelope<T>[] ring = log.ring();
    boolean all = filter.matchesAll();
    long n = position;
    int index = RetainedLog.index(ring, n);
    int handed = 0;
    int served = -1;
    try {
      while (handed < max) {
        Envelope<T> e = ring[index];
        if (e == null || e.seq() != n) {
          break;
        }
        if (all || filter.matches(e)) {
          for (served = 0; served < members.length; served++) {
            Cursor<T> cursor = members[served];
            if (cursor.groupRole == IN_LANE) {
              if (cursor.closedInSink) {
                cursor.groupRole = LEFT_LANE;
                cursor.next = n;
                cursor.laneReceived = handed;
              } else {
                sink.accept(served, e);
              }
            }
          }
          served = -1;
          handed++;
        }
        n++;
        index = RetainedLog.nextIndex(ring, index);
      }
      return handed;
    } finally {
      for (int i = 0; i < members.length; i++) {
        if (members[i].groupRole == IN_LANE) {
          members[i].next = i <= served ? n + 1 : n;
        }
      }
    }
  }
}
