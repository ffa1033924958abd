package dev.spool.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run to create.
 *
 * @param runId the new run's id (also the name of its event stream)
 * @param workflow registered workflow name
 * @param version workflow version the run is started on
 * @param input the input as JSON text
 * @param idempotencyKey a repeated create with the same key returns the first run
 * @param deployment the deployment the run is pinned to
 * @param createdAt creation time; also the timestamp of the {@code run.queued} event
 * @param fork for a forked run, its source and the checkpoints it is seeded with, written with it
 */
public record NewRun(
    String runId,
    String workflow,
    String version,
    String input,
    Optional<String> idempotencyKey,
    String deployment,
    Instant createdAt,
    Optional<ForkSeed> fork) {
  public NewRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(fork, "fork");
  }

  /** A run that is not a fork. */
  public NewRun(
      String runId,
      String workflow,
      String version,
      String input,
      Optional<String> idempotencyKey,
      String deployment,
      Instant createdAt) {
    this(runId, workflow, version, input, idempotencyKey, deployment, createdAt, Optional.empty());
  }

  /** This run, seeded from another as {@code seed} says. */
  public NewRun forkedFrom(ForkSeed seed) {
    return new NewRun(
        runId, workflow, version, input, idempotencyKey, deployment, createdAt, Optional.of(seed));
  }

  /** The checkpoints the run is created with: a fork's seed, or none. */
  public java.util.List<Checkpoint> seedCheckpoints() {
    return fork.map(ForkSeed::checkpoints).orElse(java.util.List.of());
  }
}
