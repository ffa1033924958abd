package dev.spool.store;

import dev.spool.RunStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of a run's status made together with a {@link Commit}.
 *
 * <p>{@code WAITING} and {@code QUEUED} release the lease: the run becomes claimable again, a
 * waiting one at {@code resumeAt}. A terminal status releases it too and records the result or
 * error. {@code RUNNING} keeps the lease.
 *
 * @param status the new status
 * @param result the output JSON, for {@code COMPLETED}
 * @param error the error JSON, for {@code FAILED} and {@code CANCELLED}
 * @param resumeAt when a {@code WAITING} run becomes claimable again
 * @param wakeOnSignalAfter for a run that waits for a signal: the newest signal seq the execution
 *     has read. If the run holds a newer {@code signal.received} event when this commits, the run
 *     is claimable at once, so a signal that arrives while the run suspends is never slept through.
 */
public record Transition(
    RunStatus status,
    Optional<String> result,
    Optional<String> error,
    Optional<Instant> resumeAt,
    Optional<Long> wakeOnSignalAfter) {
  public Transition {
    Objects.requireNonNull(wakeOnSignalAfter, "wakeOnSignalAfter");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(resumeAt, "resumeAt");
    if (status == RunStatus.WAITING && resumeAt.isEmpty()) {
      throw new IllegalArgumentException("a waiting run needs a resume time");
    }
  }

  public static Transition completed(String resultJson) {
    return new Transition(
        RunStatus.COMPLETED,
        Optional.of(resultJson),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public static Transition failed(String errorJson) {
    return new Transition(
        RunStatus.FAILED,
        Optional.empty(),
        Optional.of(errorJson),
        Optional.empty(),
        Optional.empty());
  }

  public static Transition cancelled(String errorJson) {
    return new Transition(
        RunStatus.CANCELLED,
        Optional.empty(),
        Optional.of(errorJson),
        Optional.empty(),
        Optional.empty());
  }

  public static Transition waitingUntil(Instant resumeAt) {
    return new Transition(
        RunStatus.WAITING,
        Optional.empty(),
        Optional.empty(),
        Optional.of(resumeAt),
        Optional.empty());
  }

  /**
   * Waits for a signal until {@code resumeAt} (its timeout), waking at once if a signal newer than
   * {@code lastSignalSeqSeen} is already there.
   */
  public static Transition waitingForSignal(Instant resumeAt, long lastSignalSeqSeen) {
    return new Transition(
        RunStatus.WAITING,
        Optional.empty(),
        Optional.empty(),
        Optional.of(resumeAt),
        Optional.of(lastSignalSeqSeen));
  }

  /** Gives the run back to the queue (drain, hand-off). */
  public static Transition requeued() {
    return new Transition(
        RunStatus.QUEUED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
