package dev.spool;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which runs a bulk action ({@link Spool#retryAll}, {@link Spool#cancelAll}) takes: newest first,
 * every run matching all the given conditions, at most {@code limit} of them.
 *
 * @param workflow only runs of this workflow
 * @param status only runs with this status
 * @param createdSince only runs created at or after this time
 * @param limit the most runs to act on, 1 to 10000
 */
public record RunFilter(
    Optional<String> workflow,
    Optional<RunStatus> status,
    Optional<Instant> createdSince,
    int limit) {
  public static final int DEFAULT_LIMIT = 1000;

  public RunFilter {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdSince, "createdSince");
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
    }
  }

  /** Every run, up to {@link #DEFAULT_LIMIT}. */
  public static RunFilter all() {
    return new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  public RunFilter workflow(String w) {
    return new RunFilter(Optional.of(w), status, createdSince, limit);
  }

  public RunFilter status(RunStatus s) {
    return new RunFilter(workflow, Optional.of(s), createdSince, limit);
  }

  public RunFilter createdSince(Instant t) {
    return new RunFilter(workflow, status, Optional.of(t), limit);
  }

  public RunFilter limit(int n) {
    return new RunFilter(workflow, status, createdSince, n);
  }
}
