package dev.spool.internal.engine;

import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.store.Checkpoint;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run recorded before this execution, read with one query: checkpoints by step path, and
 * which component name stood at each (parent, call index) slot, to catch code that changed.
 */
final class Replay {
  private final Map<String, Checkpoint> completed = new HashMap<>();
  private final Map<String, Checkpoint> failed = new HashMap<>();
  private final Map<String, Integer> failedAttempts = new HashMap<>();
  private final Map<String, Integer> retriedAfter = new HashMap<>();
  private final Map<String, String> slots = new HashMap<>();

  Replay(List<Checkpoint> checkpoints) {
    for (Checkpoint c : checkpoints) {
      switch (c.kind()) {
        case COMPLETED -> completed.put(c.path(), c);
        case FAILED -> failed.put(c.path(), c);
        case ATTEMPT_FAILED -> failedAttempts.merge(c.path(), 1, Integer::sum);
        case RETRIED -> {
          failedAttempts.merge(c.path(), 1, Integer::sum);
          retriedAfter.merge(c.path(), c.attempt(), Math::max);
        }
      }
      recordSlots(c.path());
    }
  }

  int size() {
    return completed.size() + failed.size();
  }

  Optional<Checkpoint> completed(String path) {
    return Optional.ofNullable(completed.get(path));
  }

  Optional<Checkpoint> failed(String path) {
    return Optional.ofNullable(failed.get(path));
  }

  /** How many attempts of the step failed before, retried by the step or by its run's retry. */
  int failedAttempts(String path) {
    return failedAttempts.getOrDefault(path, 0);
  }

  /**
   * The attempt after which the run was last retried with this step failed (0 if never): its retry
   * budget counts the attempts after it.
   */
  int retriedAfter(String path) {
    return retriedAfter.getOrDefault(path, 0);
  }

  /** Reads a recorded value as {@code type}; a value that no longer fits is a code change. */
  static <T> T decode(String json, Type type, String path) {
    try {
      return Json.mapper().readValue(json, Json.mapper().constructType(type));
    } catch (Exception e) {
      throw new NonDeterminismException(
          "checkpoint of "
              + path
              + " no longer reads as "
              + type.getTypeName()
              + ": "
              + e.getMessage());
    }
  }

  /** Throws if the recorded run had a different step at this slot. */
  void checkSlot(String parentPath, int index, String name) {
    String recorded = slots.get(parentPath + '\0' + index);
    if (recorded != null && !recorded.equals(name)) {
      throw new NonDeterminismException(
          parentPath + " (call #" + index + ")", recorded + "#" + index, name + "#" + index);
    }
  }

  /** Registers every {@code name#index} segment of a path under its parent path. */
  private void recordSlots(String path) {
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      if (start > 0) {
        String segment = path.substring(start, end);
        int hash = segment.indexOf('#');
        if (hash > 0) {
          int stop = hash + 1;
          while (stop < segment.length() && Character.isDigit(segment.charAt(stop))) {
            stop++;
          }
          if (stop > hash + 1) {
            String parent = path.substring(0, start - 1);
            slots.putIfAbsent(
                parent + '\0' + segment.substring(hash + 1, stop), segment.substring(0, hash));
          }
        }
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }
}
