package dev.spool.client;

import java.util.Objects;

/**
 * A run the server forked from another.
 *
 * @param runId the new run
 * @param forkedFrom the run it came from
 * @param fromStep the step it runs from; the checkpoints before it are reused
 */
public record ForkedRun(String runId, String forkedFrom, String fromStep) {
  public ForkedRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(forkedFrom, "forkedFrom");
    Objects.requireNonNull(fromStep, "fromStep");
  }
}
