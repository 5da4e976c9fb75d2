package io.thermobus.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A faithful Java port of the chapter's {@code EventBus}: one lock over a map of per-subscriber
 * deques; {@code send} copies every event into every queue under the lock; {@code poll} pops one
 * under the lock; {@code unsubscribe} records a dead id for the garbage collector. The baseline.
 */
final class ChapterEventBus<T> {

  /** The chapter's {@code chamber: AsyncMutex<HashMap<u32, VecDeque<T>>>}. */
  private final ReentrantLock chamberLock = new ReentrantLock();
  private final HashMap<Integer, ArrayDeque<T>> chamber = new HashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  /** The chapter's {@code dead_ids: Mutex<Vec<u32>>}. */
  private final List<Integer> deadIds = new ArrayList<>();

  Handle<T> subscribe() {
    chamberLock.lock();
    try {
      int id = count.getAndIncrement();
      chamber.put(id, new ArrayDeque<>());
      return new Handle<>(id, this);
    } finally {
      chamberLock.unlock();
    }
  }

  void unsubscribe(int id) {
    synchronized (deadIds) {
      deadIds.add(id);
    }
  }

  T poll(int id) {
    chamberLock.lock();
    try {
      return chamber.get(id).pollFirst();
    } finally {
      chamberLock.unlock();
    }
  }

  void send(T event) {
    chamberLock.lock();
    try {
      for (ArrayDeque<T> queue : chamber.values()) {
        queue.addLast(event);
      }
    } finally {
      chamberLock.unlock();
    }
  }

  /** One pass of the chapter's {@code garbage_collector} loop. */
  void collectGarbage() {
    chamberLock.lock();
    try {
      List<Integer> dead;
      synchronized (deadIds) {
        dead = new ArrayList<>(deadIds);
        deadIds.clear();
      }
      dead.forEach(chamber::remove);
    } finally {
      chamberLock.unlock();
    }
  }

  /** The chapter's {@code EventHandle}. */
  record Handle<T>(int id, ChapterEventBus<T> bus) {
    T poll() {
      return bus.poll(id);
    }
  }
}
