package dev.spool.testkit;

import dev.spool.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What replaying one recorded history against workflow code showed ({@link ReplayTester}).
 *
 * @param runId the recorded run
 * @param workflow its workflow
 * @param recorded the status the recorded run had when its history was taken
 * @param reached how far the code replayed
 * @param at the step or wait it stopped at, for {@link Reached#STEP}, {@link Reached#WAITING} and
 *     {@link Reached#MISMATCH}
 * @param mismatch the first step that no longer matches, for {@link Reached#MISMATCH}
 */
public record ReplayResult(
    String runId,
    String workflow,
    RunStatus recorded,
    Reached reached,
    Optional<String> at,
    Optional<Mismatch> mismatch) {

  /** How far the code replayed. */
  public enum Reached {
    /** To the run's end, completed. */
    COMPLETED,
    /** To the run's end, failed as the recorded run did (or as the code now fails on purpose). */
    FAILED,
    /** Up to a step the history had not finished: where the recorded run was. */
    STEP,
    /** Up to a signal wait or a sleep the history had not got past. */
    WAITING,
    /** Up to the first step that no longer matches. */
    MISMATCH
  }

  /**
   * Where code and history part.
   *
   * @param path the step path
   * @param recorded what the history holds there
   * @param found what the code does there now
   */
  public record Mismatch(String path, String recorded, String found) {
    public Mismatch {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(recorded, "recorded");
      Objects.requireNonNull(found, "found");
    }

    @Override
    public String toString() {
      return "at " + path + " the history recorded " + recorded + ", but the code now " + found;
    }
  }

  public ReplayResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(reached, "reached");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(mismatch, "mismatch");
    if (mismatch.isPresent() != (reached == Reached.MISMATCH)) {
      throw new IllegalArgumentException("a mismatch goes with Reached.MISMATCH, and only with it");
    }
  }

  /** True if the code replays the history without a mismatch. */
  public boolean matches() {
    return mismatch.isEmpty();
  }

  /**
   * Passes if the code replays the history cleanly.
   *
   * @throws AssertionError naming the first step that no longer matches
   */
  public ReplayResult assertMatches() {
    if (!matches()) {
      throw new AssertionError(this.toString());
    }
    return this;
  }

  /**
   * The first step that no longer matches.
   *
   * @throws AssertionError if the code replays the history cleanly
   */
  public Mismatch assertMismatch() {
    return mismatch.orElseThrow(
        () -> new AssertionError("expected a mismatch, but " + this + " cleanly"));
  }

  @Override
  public String toString() {
    String run = "run " + runId + " of " + workflow + " (recorded " + recorded.wireName() + ")";
    return switch (reached) {
      case COMPLETED -> run + " replays to its end: completed";
      case FAILED -> run + " replays to its end: failed";
      case STEP ->
          run + " replays up to " + at.orElse("?") + ", the step the history had not finished";
      case WAITING -> run + " replays up to " + at.orElse("?") + ", where it waits";
      case MISMATCH -> run + " no longer replays: " + mismatch.orElseThrow();
    };
  }
}
