package dev.spool.store;

import dev.spool.EventTypes;
import dev.spool.internal.Payload;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The events written outside the engine, by a store (cancel, signals, recovery) or by a worker host
 * about a run it holds (hand-off), built here once so that every writer emits the same payloads.
 */
public final class StoreEvents {
  /** The error type of a run the reaper gave up on. */
  public static final String RECOVERY_LIMIT = "RecoveryLimitExceeded";

  /** The error type of a run cancelled by request. */
  public static final String CANCELLED = "dev.spool.RunCancelledException";

  private StoreEvents() {}

  /** The error JSON of a run cancelled before any worker ran it again. */
  public static String cancelError(String runId, String reason) {
    return error(CANCELLED, "run " + runId + " was cancelled" + because(reason));
  }

  public static NewEvent cancelled(String runId, String reason, int attempt, Instant now) {
    return runEvent(
        EventTypes.RUN_CANCELLED,
        attempt,
        now,
        Payload.obj().raw("error", cancelError(runId, reason)).build());
  }

  public static NewEvent cancelRequested(String reason, int attempt, Instant now) {
    return runEvent(
        EventTypes.RUN_CANCEL_REQUESTED, attempt, now, Payload.obj().str("reason", reason).build());
  }

  public static NewEvent signal(String name, String valueJson, int attempt, Instant now) {
    return runEvent(
        EventTypes.SIGNAL_RECEIVED,
        attempt,
        now,
        Payload.obj().str("name", name).raw("value", valueJson).build());
  }

  /** {@code worker.lost} cause: the lease expired without renewal. */
  public static final String LEASE_EXPIRED = "leaseExpired";

  /** {@code worker.lost} cause: the holder's process is gone (seen on its own host). */
  public static final String PROCESS_GONE = "processGone";

  /**
   * {@code worker.lost}: the worker stopped renewing ({@link #LEASE_EXPIRED}) or its process is
   * gone ({@link #PROCESS_GONE}). {@code recovery} counts this loss; the run is requeued unless it
   * exceeds {@code maxRecoveries}.
   */
  public static NewEvent workerLost(
      String cause,
      Optional<String> worker,
      Optional<Instant> lastHeartbeat,
      int recovery,
      int maxRecoveries,
      int attempt,
      Instant now) {
    Payload p = Payload.obj().str("worker", worker.orElse("unknown")).str("cause", cause);
    lastHeartbeat.ifPresent(h -> p.str("lastHeartbeat", h.toString()));
    return runEvent(
        EventTypes.WORKER_LOST,
        attempt,
        now,
        p.num("recovery", recovery)
            .num("maxRecoveries", maxRecoveries)
            .bool("requeued", recovery <= maxRecoveries)
            .build());
  }

  /**
   * {@code run.handoff}: a worker gives back a run it holds, requeued for another worker: at its
   * drain deadline ({@code "drain"}, with the deadline), or because it cannot run it.
   */
  public static NewEvent handoff(
      String worker, String reason, Optional<Duration> deadline, int attempt, Instant now) {
    Payload p = Payload.obj().str("worker", worker).str("reason", reason);
    deadline.ifPresent(d -> p.num("deadlineMs", d.toMillis()));
    return runEvent(EventTypes.RUN_HANDOFF, attempt, now, p.build());
  }

  /**
   * {@code run.retried}: the failed or cancelled {@code run} (as it was before) is set going again
   * from its checkpoints.
   */
  public static NewEvent retried(RunInfo run, String reason, Instant now) {
    Payload p =
        Payload.obj()
            .str("previousStatus", run.status().wireName())
            .num("previousAttempt", run.attempt());
    run.error().ifPresent(e -> p.raw("error", e));
    if (reason != null && !reason.isBlank()) {
      p.str("reason", reason);
    }
    return runEvent(EventTypes.RUN_RETRIED, run.attempt(), now, p.build());
  }

  /** {@code run.forked}: the second event of a forked run, naming where it came from. */
  public static NewEvent forked(ForkSeed seed, Instant createdAt) {
    return runEvent(
        EventTypes.RUN_FORKED,
        0,
        createdAt,
        Payload.obj()
            .str("sourceRunId", seed.sourceRunId())
            .str("fromStep", seed.fromStep())
            .num("checkpoints", seed.checkpoints().size())
            .build());
  }

  /** The error JSON of a run failed because its workers kept dying. */
  public static String recoveryLimitError(String runId, int maxRecoveries) {
    return error(
        RECOVERY_LIMIT,
        "run "
            + runId
            + " lost its worker more than "
            + maxRecoveries
            + " times; it is failed instead of being retried forever (look at what the run does"
            + " just before its workers die: memory, a crash in native code, a kill by the host)");
  }

  public static NewEvent recoveryLimitFailed(
      String runId, int maxRecoveries, int attempt, Instant now) {
    return runEvent(
        EventTypes.RUN_FAILED,
        attempt,
        now,
        Payload.obj().raw("error", recoveryLimitError(runId, maxRecoveries)).build());
  }

  /** An event about the run as a whole (no step path). */
  private static NewEvent runEvent(String type, int attempt, Instant now, String payload) {
    return new NewEvent(type, now, "", attempt, payload);
  }

  private static String error(String type, String message) {
    return Payload.obj().str("type", type).str("message", message).build();
  }

  private static String because(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }
}
