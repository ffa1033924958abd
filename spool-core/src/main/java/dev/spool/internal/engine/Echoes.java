package dev.spool.internal.engine;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.store.RunStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On resume, the body replays and calls {@code progress} and {@code output} again for work that
 * already wrote them. Each scope's calls are numbered; the first ones, as many as the stream
 * already holds for that scope, are echoes and are not written again. The stream so holds each
 * progress event and output chunk once (for deterministic bodies, which replay requires).
 */
final class Echoes {
  private static final Echoes NONE = new Echoes(Map.of());

  private final Map<String, AtomicInteger> left;

  private Echoes(Map<String, AtomicInteger> left) {
    this.left = left;
  }

  static Echoes none() {
    return NONE;
  }

  /** Counts, in one pass over the run's stream, what each scope wrote before this execution. */
  static Echoes of(RunStore store, String runId) {
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    long after = 0;
    while (true) {
      var page = store.readEvents(runId, after, 5000);
      if (page.isEmpty()) {
        return new Echoes(counts);
      }
      for (Event e : page) {
        if (writtenByBody(e.type())) {
          counts
              .computeIfAbsent(key(e.type(), e.path(), e.attempt()), k -> new AtomicInteger())
              .incrementAndGet();
        }
        after = e.seq();
      }
    }
  }

  /** Events a step body writes itself (progress, output, custom events), which replay repeats. */
  private static boolean writtenByBody(String type) {
    return type.equals(EventTypes.PROGRESS)
        || type.equals(EventTypes.OUTPUT)
        || !(type.startsWith("run.")
            || type.startsWith("step.")
            || type.startsWith("signal.")
            || type.startsWith("worker."));
  }

  /** True (and consumes one) if this call was already written by an earlier execution. */
  boolean alreadyWritten(String type, String path, int attempt) {
    if (left.isEmpty()) {
      return false;
    }
    AtomicInteger n = left.get(key(type, path, attempt));
    return n != null && n.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
  }

  private static String key(String type, String path, int attempt) {
    return type + '\0' + path + '\0' + attempt;
  }
}
