package dev.spool.internal.engine;

import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.store.Checkpoint;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run recorded before this execution, read with one query: checkpoints by step path, and
 * which component name stood at each (parent, call index) slot, to catch code that changed.
 */
final class Replay {
  private final Map<String, Checkpoint> completed = new HashMap<>();
  private final Map<String, Checkpoint> failed = new HashMap<>();
  private final Map<String, Integer> failedAttempts = new HashMap<>();
  private final Map<String, String> slots = new HashMap<>();
  private final Set<String> reached = ConcurrentHashMap.newKeySet();

  Replay(List<Checkpoint> checkpoints) {
    for (Checkpoint c : checkpoints) {
      switch (c.kind()) {
        case COMPLETED -> completed.put(c.path(), c);
        case FAILED -> failed.put(c.path(), c);
        case ATTEMPT_FAILED -> failedAttempts.merge(c.path(), 1, Integer::sum);
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

  /** How many attempts of the step failed and were retried before. */
  int failedAttempts(String path) {
    return failedAttempts.getOrDefault(path, 0);
  }

  /** Reads a recorded value as {@code type}; a value that no longer fits is a code change. */
  static <T> T decode(String json, Type type, String path) {
    try {
      return Json.mapper().readValue(json, Json.mapper().constructType(type));
    } catch (Exception e) {
      throw new NonDeterminismException(
          path,
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
    String slot = parentPath + '\0' + index;
    reached.add(slot);
    String recorded = slots.get(slot);
    if (recorded != null && !recorded.equals(name)) {
      throw new NonDeterminismException(
          parentPath + "/" + name + "#" + index, recorded + "#" + index, name + "#" + index);
    }
  }

  /**
   * The recorded steps this execution's code has not called (yet), as paths in call order: every
   * recorded slot not checked, unless it lies inside a step that replayed from its checkpoint
   * (whose body, and so its children, did not run).
   */
  List<String> unreached() {
    List<String[]> missing = new ArrayList<>();
    for (Map.Entry<String, String> slot : slots.entrySet()) {
      if (reached.contains(slot.getKey())) {
        continue;
      }
      int zero = slot.getKey().indexOf('\0');
      String parent = slot.getKey().substring(0, zero);
      if (!insideReplayedStep(parent)) {
        missing.add(new String[] {parent, slot.getKey().substring(zero + 1), slot.getValue()});
      }
    }
    missing.sort(
        Comparator.<String[], String>comparing(m -> m[0])
            .thenComparingInt(m -> Integer.parseInt(m[1])));
    return missing.stream().map(m -> m[0] + "/" + m[2] + "#" + m[1]).toList();
  }

  /** Whether the scope at {@code path} belongs to a step whose body replay skips. */
  private boolean insideReplayedStep(String path) {
    for (int i = path.length(); i > 0; i--) {
      if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == '@') {
        String step = path.substring(0, i);
        if (completed.containsKey(step) || failed.containsKey(step)) {
          return true;
        }
      }
    }
    return false;
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
