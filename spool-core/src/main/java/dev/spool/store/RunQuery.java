package dev.spool.store;

import dev.spool.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of runs, newest first.
 *
 * @param status only runs with this status
 * @param workflow only runs of this workflow
 * @param beforeRunId only runs created before this one (paging cursor)
 * @param limit page size, 1 to 1000
 */
public record RunQuery(
    Optional<RunStatus> status,
    Optional<String> workflow,
    Optional<String> beforeRunId,
    int limit) {
  public RunQuery {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(beforeRunId, "beforeRunId");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
    }
  }

  public static RunQuery latest(int limit) {
    return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  public RunQuery withStatus(RunStatus s) {
    return new RunQuery(Optional.of(s), workflow, beforeRunId, limit);
  }

  public RunQuery withWorkflow(String w) {
    return new RunQuery(status, Optional.of(w), beforeRunId, limit);
  }

  public RunQuery before(String runId) {
    return new RunQuery(status, workflow, Optional.of(runId), limit);
  }
}
