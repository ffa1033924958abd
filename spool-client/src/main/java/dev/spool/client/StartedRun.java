package dev.spool.client;

import dev.spool.RunStatus;
import java.net.URI;
import java.util.Objects;

/**
 * The answer to starting a run.
 *
 * @param runId the new run's id, or the id of the run an idempotency key already started
 * @param workflow the workflow it runs
 * @param status its status when the server answered (usually {@code QUEUED})
 * @param created false when the idempotency key had already started this run
 * @param statusUrl where the run is read ({@link SpoolClient#run})
 * @param eventsUrl where its events stream ({@link SpoolClient#follow})
 * @param resultUrl where its result is awaited ({@link SpoolClient#awaitResult})
 */
public record StartedRun(
    String runId,
    String workflow,
    RunStatus status,
    boolean created,
    URI statusUrl,
    URI eventsUrl,
    URI resultUrl) {
  public StartedRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusUrl, "statusUrl");
    Objects.requireNonNull(eventsUrl, "eventsUrl");
    Objects.requireNonNull(resultUrl, "resultUrl");
  }
}
