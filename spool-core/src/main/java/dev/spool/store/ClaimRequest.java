package dev.spool.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a worker asks for when it claims a run.
 *
 * @param owner the worker id the lease is issued to
 * @param deployment runs pinned to this deployment, and runs pinned to none ({@link
 *     RunRules#UNPINNED})
 * @param now the claimer's clock: a waiting run is claimable once its resume time has passed
 * @param ttl how long the lease lasts without renewal
 * @param runId claim this run only (otherwise the oldest claimable run)
 * @param takeOverFrom also claim the run while it is leased by this owner, known to be dead
 * @param runnable only runs of these workflow versions: what the claiming worker has registered
 *     (empty: any, for tools and tests that run no code)
 */
public record ClaimRequest(
    String owner,
    String deployment,
    Instant now,
    Duration ttl,
    Optional<String> runId,
    Optional<String> takeOverFrom,
    Optional<Set<WorkflowVersion>> runnable) {
  public ClaimRequest {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(takeOverFrom, "takeOverFrom");
    runnable = runnable.map(Set::copyOf);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
    }
  }

  public static ClaimRequest next(String owner, String deployment, Instant now, Duration ttl) {
    return new ClaimRequest(
        owner, deployment, now, ttl, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Only runs of these workflow versions: what this worker can run. */
  public ClaimRequest runnable(Set<WorkflowVersion> versions) {
    return new ClaimRequest(
        owner, deployment, now, ttl, runId, takeOverFrom, Optional.of(Set.copyOf(versions)));
  }

  public ClaimRequest onlyRun(String id) {
    return new ClaimRequest(owner, deployment, now, ttl, Optional.of(id), takeOverFrom, runnable);
  }

  public ClaimRequest takingOverFrom(String deadOwner) {
    return new ClaimRequest(owner, deployment, now, ttl, runId, Optional.of(deadOwner), runnable);
  }
}
