package dev.spool.client;

import dev.spool.RunStatus;
import java.util.Objects;

/**
 * The server took a cancel request.
 *
 * @param runId the run
 * @param status the run's status right after: {@code CANCELLED} when nothing was running it,
 *     otherwise still {@code RUNNING} until its worker stops at the next step boundary
 * @param cancelRequested true while a running run's worker has yet to stop
 */
public record CancelReceipt(String runId, RunStatus status, boolean cancelRequested) {
  public CancelReceipt {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
  }
}
