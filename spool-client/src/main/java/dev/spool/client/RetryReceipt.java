package dev.spool.client;

import dev.spool.RunStatus;
import java.util.Objects;

/**
 * The server retried a failed or cancelled run: it is queued again, same id, new attempt.
 *
 * @param runId the run
 * @param status its status right after ({@code QUEUED} unless a worker took it already)
 */
public record RetryReceipt(String runId, RunStatus status) {
  public RetryReceipt {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
  }
}
