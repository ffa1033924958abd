package dev.spool.testkit.internal;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.testkit.ReplayResult.Mismatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps a recorded history started, from its events: which finished, and which step stood at
 * each (parent, call index) slot. The engine's own check knows only the checkpointed steps; this
 * also knows steps the recorded run had started and not finished, and which steps it never had.
 */
final class RecordedSteps {
  /** What replay does with a step attempt the engine is about to run (it has no checkpoint). */
  sealed interface Decision {}

  /** Run it: a step recorded without a checkpoint, which a resumed run runs again too. */
  record Run() implements Decision {}

  /** Stop here: the history goes no further than this step. */
  record Frontier(String path) implements Decision {}

  /** Stop here: the code no longer matches the history. */
  record Differs(Mismatch mismatch) implements Decision {}

  private final Set<String> started = new HashSet<>();
  private final Set<String> finished = new HashSet<>();
  private final Map<String, String> slots = new HashMap<>();
  private final RunStatus status;

  RecordedSteps(RunHistory history) {
    this.status = history.run().status();
    for (Event e : history.events()) {
      switch (e.type()) {
        case EventTypes.STEP_STARTED -> {
          started.add(e.path());
          slot(e.path()).ifPresent(s -> slots.putIfAbsent(s.key(), s.name()));
        }
        case EventTypes.STEP_COMPLETED -> finished.add(e.path());
        default -> {}
      }
    }
  }

  /** Decides about an attempt of the step at {@code path}, which has no checkpoint. */
  Decision attempt(String path) {
    if (finished.contains(path)) {
      return new Run();
    }
    if (started.contains(path)) {
      return new Frontier(path);
    }
    Optional<Slot> slot = slot(path);
    if (slot.isPresent()) {
      String recorded = slots.get(slot.get().key());
      if (recorded != null && !recorded.equals(slot.get().name())) {
        return new Differs(
            new Mismatch(
                path,
                "step '" + recorded + "#" + slot.get().index() + "'",
                "calls '" + slot.get().name() + "#" + slot.get().index() + "'"));
      }
    }
    if (status.isTerminal()) {
      return new Differs(
          new Mismatch(
              path,
              "no step there (the run " + status.wireName() + " without it)",
              "calls '" + path.substring(path.lastIndexOf('/') + 1) + "'"));
    }
    return new Frontier(path);
  }

  /** A step's place: under {@code parent}, call {@code index}, by the component {@code name}. */
  private record Slot(String parent, int index, String name) {
    String key() {
      return parent + '\0' + index;
    }
  }

  /** The slot of a path ending in {@code name#index}; empty for a keyed step. */
  private static Optional<Slot> slot(String path) {
    int slash = path.lastIndexOf('/');
    int hash = path.lastIndexOf('#');
    if (slash < 0 || hash < slash + 2 || hash == path.length() - 1) {
      return Optional.empty();
    }
    String digits = path.substring(hash + 1);
    if (!digits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(
        new Slot(
            path.substring(0, slash), Integer.parseInt(digits), path.substring(slash + 1, hash)));
  }
}
