package dev.spool.store;

import java.util.List;
import java.util.Objects;

/**
 * What a claim hands the worker, read in the claim's own round trip: the lease, the run as the
 * claim left it (running, owned by the claimer), and the checkpoints its earlier executions
 * recorded, so resuming the run needs no further read of it.
 *
 * @param lease the lease every write of this execution carries
 * @param run the run after the claim
 * @param checkpoints its checkpoints, by path then attempt
 */
public record Claim(Lease lease, RunInfo run, List<Checkpoint> checkpoints) {
  public Claim {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(run, "run");
    checkpoints = List.copyOf(checkpoints);
  }
}
