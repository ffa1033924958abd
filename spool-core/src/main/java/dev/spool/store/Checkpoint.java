package dev.spool.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable record of a step's outcome, which replay returns instead of running the step again.
 *
 * @param path the step path, unique within the run together with {@code attempt}
 * @param attempt the attempt this record is about
 * @param kind what happened
 * @param value the output JSON for {@link Kind#COMPLETED}, the error JSON otherwise
 * @param at when it was recorded
 */
public record Checkpoint(String path, int attempt, Kind kind, String value, Instant at) {
  public enum Kind {
    /** The step finished with this output (from its body or its fallback). */
    COMPLETED,
    /** One attempt failed and a retry followed; replay continues with the next attempt. */
    ATTEMPT_FAILED,
    /** The step failed for good; replay rethrows the same error to the caller. */
    FAILED,
    /**
     * The step had failed for good, then its run was retried ({@link RunRules#retry}): replay runs
     * it again, with attempts numbered after this one and a fresh retry budget.
     */
    RETRIED
  }

  public Checkpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(at, "at");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
  }
}
