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
  private final Map<String, Integer> retriedAfter = new HashMap<>();
  private final Map<String, String> slots = new HashMap<>();
  private final Map<String, Integer> lastIndex = new HashMap<>();
  private final Set<String> reached = ConcurrentHashMap.newKeySet();

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

  /**
   * Whether the recorded run already went past the point in scope {@code scopePath} where that
   * scope's next call would get index {@code nextIndex}: the point lies behind recorded history
   * rather than at its frontier. The rule, for {@code ctx.patched}:
   *
   * <ul>
   *   <li>the scope itself recorded a call at {@code nextIndex} or later (any checkpoint: a step's
   *       output, failure or failed attempt, a sleep, a signal wait, {@code now()});
   *   <li>or an enclosing scope recorded a call after the one this scope belongs to: the step or
   *       {@code all} group around this point had ended (or been given up) when the run moved on.
   * </ul>
   *
   * Sibling branches of an {@code all} never count: they run at the same time, so one branch being
   * further along says nothing about another. Nor do calls with an explicit key, which have no
   * position, nor unchecked steps, progress and output, which replay repeats anyway.
   */
  boolean passed(String scopePath, int nextIndex) {
    if (lastIndex.getOrDefault(scopePath, -1) >= nextIndex) {
      return true;
    }
    String s = scopePath;
    while (true) {
      int slash = s.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      String parent = s.substring(0, slash);
      String segment = s.substring(slash + 1);
      s = parent;
      if (segment.equals("fallback")) {
        continue; // a fallback runs in place of its step: the step's own position decides
      }
      int index = indexOf(segment);
      if (index < 0) {
        return false; // a keyed step: its place among its siblings is not recorded
      }
      if (lastIndex.getOrDefault(parent, -1) > index) {
        return true;
      }
    }
  }

  /** The call index of {@code name#i}, {@code name#i@attempt} or {@code all#i[branch]}; or -1. */
  private static int indexOf(String segment) {
    int hash = segment.indexOf('#');
    if (hash <= 0 || segment.lastIndexOf(':', hash) >= 0) {
      return -1; // no index, or a keyed step whose key holds a '#'
    }
    int stop = hash + 1;
    while (stop < segment.length() && Character.isDigit(segment.charAt(stop))) {
      stop++;
    }
    int digits = stop - hash - 1;
    return digits > 0 && digits < 10 ? Integer.parseInt(segment.substring(hash + 1, stop)) : -1;
  }

  /** Registers every {@code name#index} segment of a path under its parent path. */
  private void recordSlots(String path) {
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      if (start > 0) {
        String segment = path.substring(start, end);
        int index = indexOf(segment);
        if (index >= 0) {
          String parent = path.substring(0, start - 1);
          slots.putIfAbsent(parent + '\0' + index, segment.substring(0, segment.indexOf('#')));
          lastIndex.merge(parent, index, Math::max);
        }
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }
}
