package dev.spool.client;

import dev.spool.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Which runs {@link SpoolClient#runs} lists: {@code RunsQuery.latest(20).withStatus(RUNNING)}.
 *
 * @param status only runs with this status
 * @param workflow only runs of this workflow
 * @param before only runs older than this one: the {@link RunPage#next} of the previous page
 * @param limit page size, 1 to 1000
 */
public record RunsQuery(
    Optional<RunStatus> status, Optional<String> workflow, Optional<String> before, int limit) {
  public RunsQuery {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(before, "before");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000, got " + limit);
    }
  }

  /** The newest {@code limit} runs, whatever their status or workflow. */
  public static RunsQuery latest(int limit) {
    return new RunsQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  public RunsQuery withStatus(RunStatus s) {
    return new RunsQuery(Optional.of(s), workflow, before, limit);
  }

  public RunsQuery withWorkflow(String w) {
    return new RunsQuery(status, Optional.of(w), before, limit);
  }

  /** The page after the one whose {@link RunPage#next} is {@code runId}. */
  public RunsQuery before(String runId) {
    return new RunsQuery(status, workflow, Optional.of(runId), limit);
  }
}
