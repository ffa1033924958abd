package dev.spool.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Last signs of life of the step attempts that have an idle timeout, keyed by attempt path. A beat
 * anywhere below an attempt counts for it: a parent is alive while its children work.
 */
final class Heartbeats {
  private final Map<String, AtomicLong> lastBeat = new ConcurrentHashMap<>();

  AtomicLong watch(String attemptPath) {
    AtomicLong beat = new AtomicLong(System.nanoTime());
    lastBeat.put(attemptPath, beat);
    return beat;
  }

  void unwatch(String attemptPath) {
    lastBeat.remove(attemptPath);
  }

  void beat(String path) {
    if (lastBeat.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    lastBeat.forEach(
        (watched, beat) -> {
          if (path.startsWith(watched)) {
            beat.set(now);
          }
        });
  }
}
