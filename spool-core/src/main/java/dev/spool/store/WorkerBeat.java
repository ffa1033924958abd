package dev.spool.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A worker's entry in the store's registry, written on every heartbeat.
 *
 * @param workerId the worker's id (host/pid/suffix)
 * @param deployment the deployment it belongs to and claims runs of
 * @param startedAt when it started
 * @param at this beat's time; a worker silent for a few beats is presumed gone
 * @param activeRuns runs it executes now
 * @param draining it stopped claiming and is handing its runs over
 * @param workflows the workflow versions it can run, and so claims
 */
public record WorkerBeat(
    String workerId,
    String deployment,
    Instant startedAt,
    Instant at,
    int activeRuns,
    boolean draining,
    Set<WorkflowVersion> workflows) {
  public WorkerBeat {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(at, "at");
    workflows = Set.copyOf(workflows);
  }
}
