package dev.spool.client;

import dev.spool.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as the API shows it ({@code GET /v1/runs/{id}}). JSON values (input, result, error) are
 * kept as the JSON text the server sent, for the caller to read with its own types.
 *
 * @param runId the run's id
 * @param workflow the workflow it runs
 * @param version the workflow version it is pinned to
 * @param status where it stands
 * @param input its input, as JSON text
 * @param result its output as JSON text, once completed
 * @param error its error as JSON text ({@code {"type":…,"message":…}}), once failed or cancelled
 * @param createdAt when it was enqueued
 * @param startedAt when a worker first started it
 * @param finishedAt when it ended
 * @param duration from first start to finish, or to the server's now while unfinished
 * @param lastSeq the sequence number of its newest event: a cursor for {@link SpoolClient#follow}
 * @param deployment the deployment it is pinned to; empty when pinned to none (no deployment was
 *     promoted when it started), so any worker that has its workflow version takes it
 * @param attempt how many times it has been claimed by a worker (1 on its first execution)
 * @param worker the worker holding it while running
 * @param heartbeatAt that worker's last heartbeat
 * @param resumeAt when a waiting run becomes runnable again
 * @param cancelRequested a cancel was asked for while it was running; its worker ends it soon
 * @param recoveries how many times it was resumed after its worker was lost
 * @param idempotencyKey the key it was started with
 * @param waitingFor why a runnable run has no live worker to take it, for example "no live worker
 *     has ticket-triage v1" (only when read alone, {@link SpoolClient#run})
 */
public record RunView(
    String runId,
    String workflow,
    String version,
    RunStatus status,
    String input,
    Optional<String> result,
    Optional<String> error,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Duration> duration,
    long lastSeq,
    String deployment,
    int attempt,
    Optional<String> worker,
    Optional<Instant> heartbeatAt,
    Optional<Instant> resumeAt,
    boolean cancelRequested,
    int recoveries,
    Optional<String> idempotencyKey,
    Optional<String> waitingFor) {
  public RunView {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    Objects.requireNonNull(resumeAt, "resumeAt");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(waitingFor, "waitingFor");
  }
}
