package dev.spool.store;

import dev.spool.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A run as the store holds it.
 *
 * @param result the output JSON once completed
 * @param error the error JSON ({@code {"type":…,"message":…}}) once failed or cancelled
 * @param lastSeq the sequence number of the run's newest event
 * @param attempt how many times the run has been claimed (1 on its first execution)
 * @param leaseOwner the worker holding the lease while running
 * @param heartbeatAt the lease's last renewal
 * @param resumeAt when a waiting run becomes claimable again
 * @param cancelRequested a cancel was requested while the run was running; its worker ends it
 * @param recoveries how many times the run was requeued after its worker was lost
 */
public record RunInfo(
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
    long lastSeq,
    String deployment,
    int attempt,
    Optional<String> leaseOwner,
    Optional<Instant> heartbeatAt,
    Optional<Instant> resumeAt,
    Optional<String> idempotencyKey,
    boolean cancelRequested,
    int recoveries) {

  /** Wall time from first start to finish (or to {@code now} while unfinished). */
  public Optional<Duration> duration(Instant now) {
    return startedAt.map(s -> Duration.between(s, finishedAt.orElse(now)));
  }
}
