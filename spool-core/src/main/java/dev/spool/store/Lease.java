package dev.spool.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to execute a run and write to it. Every write a worker makes carries its lease; the
 * store rejects it with {@link LeaseLostException} once the run's epoch has moved on.
 *
 * @param runId the leased run
 * @param owner the worker id holding it
 * @param epoch fencing token, strictly increasing per run with every claim
 * @param expiresAt when others may consider the owner lost unless it renews
 * @param attempt the run attempt this claim started (1 for the first execution)
 */
public record Lease(String runId, String owner, long epoch, Instant expiresAt, int attempt) {
  public Lease {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public Lease renewedUntil(Instant newExpiry) {
    return new Lease(runId, owner, epoch, newExpiry, attempt);
  }
}
