package dev.spool.store;

import dev.spool.EventTypes;
import dev.spool.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The run rules, written once: what a store does to a run from outside a lease, as pure functions
 * over Spool's records. The memory and SQLite stores call them; Redis's Lua scripts apply the same
 * rules atomically (each script names the rule it mirrors), and {@code RunRulesContract} pins every
 * store to the answers given here.
 */
public final class RunRules {
  /**
   * The deployment of a run started while no deployment was promoted: any worker may take it, so a
   * fresh store runs everything whatever the workers' {@code --deployment}. Promoting a deployment
   * starts pinning new runs to it.
   */
  public static final String UNPINNED = "";

  private RunRules() {}

  /**
   * Whether a worker of {@code deployment} that can run {@code runnable} may take the run: the run
   * is pinned to that deployment or to none, and the worker has registered the run's workflow at
   * the run's version (empty: any). A worker never takes a run it cannot execute, so no run fails
   * because of which worker picked it up.
   */
  public static boolean placeable(
      RunInfo run, String deployment, Optional<Set<WorkflowVersion>> runnable) {
    return placeable(run.deployment(), run.workflow(), run.version(), deployment, runnable);
  }

  /** {@link #placeable(RunInfo, String, Optional)} from the run's fields, for a store's scan. */
  public static boolean placeable(
      String runDeployment,
      String workflow,
      String version,
      String deployment,
      Optional<Set<WorkflowVersion>> runnable) {
    return (runDeployment.equals(UNPINNED) || runDeployment.equals(deployment))
        && (runnable.isEmpty() || runnable.get().contains(new WorkflowVersion(workflow, version)));
  }

  /**
   * Whether a claim may take the run: it is queued; or waiting and its resume time has come; or
   * running and held by the dead owner the claim takes over from.
   */
  public static boolean claimable(
      RunStatus status,
      Optional<Instant> resumeAt,
      Optional<String> owner,
      Instant now,
      Optional<String> takeOverFrom) {
    return switch (status) {
      case QUEUED -> true;
      case WAITING -> resumeAt.map(t -> !t.isAfter(now)).orElse(false);
      case RUNNING -> takeOverFrom.isPresent() && takeOverFrom.equals(owner);
      default -> false;
    };
  }

  /** {@link #claimable(RunStatus, Optional, Optional, Instant, Optional)} of a run as read. */
  public static boolean claimable(RunInfo run, Instant now, Optional<String> takeOverFrom) {
    return claimable(run.status(), run.resumeAt(), run.leaseOwner(), now, takeOverFrom);
  }

  /**
   * Why a claimable run has no live worker to take it, or empty when one of {@code live} may
   * ({@link #placeable}, not draining). Said in the API, the CLI and the UI, so a run that waits
   * says what it waits for: a worker of its deployment, or one that has its workflow at its
   * version.
   */
  public static Optional<String> waitingForWorker(RunInfo run, List<WorkerBeat> live) {
    WorkflowVersion needs = WorkflowVersion.of(run);
    boolean pinned = !run.deployment().equals(UNPINNED);
    List<WorkerBeat> able =
        live.stream()
            .filter(w -> !w.draining())
            .filter(w -> !pinned || w.deployment().equals(run.deployment()))
            .toList();
    if (able.stream().anyMatch(w -> w.workflows().contains(needs))) {
      return Optional.empty();
    }
    if (able.isEmpty()) {
      return Optional.of(
          pinned
              ? "no live worker of deployment "
                  + run.deployment()
                  + ": the run starts when one is up (spool worker --deployment "
                  + run.deployment()
                  + ")"
              : "no live worker: the run starts when one is up (spool worker)");
    }
    List<String> others =
        able.stream()
            .flatMap(w -> w.workflows().stream())
            .filter(v -> v.name().equals(needs.name()))
            .map(WorkflowVersion::toString)
            .distinct()
            .sorted()
            .toList();
    return Optional.of(
        "no live worker"
            + (pinned ? " of deployment " + run.deployment() : "")
            + " has "
            + needs
            + (others.isEmpty()
                ? " (none has " + needs.name() + " at all)"
                : " (live workers have " + String.join(", ", others) + ")")
            + ": the run starts when a worker that registers it is up");
  }

  /**
   * Whether {@code deployments move} may move the run off {@code from}: it is pinned there, queued,
   * and no worker has started it yet (a run some code has started stays with that code).
   */
  public static boolean movable(RunInfo run, String from) {
    return run.deployment().equals(from) && run.status() == RunStatus.QUEUED && run.attempt() == 0;
  }

  /** The event a new run's stream starts with, at seq 1: {@code run.queued}, attempt 0. */
  public static NewEvent queued(NewRun run) {
    return new NewEvent(EventTypes.RUN_QUEUED, run.createdAt(), "", 0, "{}");
  }

  /**
   * Every event a new run is created with: {@link #queued}, then for a fork {@code run.forked} (seq
   * 2), which names its source. A run with events past seq 1 before its first claim may hold
   * checkpoints already (a fork's seed), so a store reads them on that claim.
   */
  public static List<NewEvent> created(NewRun run) {
    return run.fork()
        .map(seed -> List.of(queued(run), StoreEvents.forked(seed, run.createdAt())))
        .orElseGet(() -> List.of(queued(run)));
  }

  /**
   * What a retry does.
   *
   * @param event {@code run.retried} to append, or empty when the run may not be retried
   * @param refusal why not, when it may not
   */
  public record Retry(Optional<NewEvent> event, Optional<String> refusal) {
    public boolean allowed() {
      return event.isPresent();
    }
  }

  /**
   * A retry: a failed or cancelled run continues from its checkpoints, with the same id and a new
   * attempt. The store appends {@code run.retried} and, atomically with it: sets the run queued
   * (claimable at once, in its deployment's queue), clears its result, error, finish time, resume
   * time, lease and cancel flag, resets its recovery count (the reaper's budget starts again), and
   * turns every {@code FAILED} checkpoint into {@code RETRIED} ({@link #retried(List)}), so those
   * steps run again while completed ones replay. The attempt is bumped by the next claim as usual.
   * Any other status is refused and nothing is written: an unfinished run is still going, and a
   * completed one has nothing to redo (fork it instead).
   */
  public static Retry retry(RunInfo run, String reason, Instant now) {
    return switch (run.status()) {
      case FAILED, CANCELLED ->
          new Retry(Optional.of(StoreEvents.retried(run, reason, now)), Optional.empty());
      default -> new Retry(Optional.empty(), Optional.of(retryRefusal(run)));
    };
  }

  /** Why {@link #retry} refuses a run in its status. */
  public static String retryRefusal(RunInfo run) {
    String is = "run " + run.runId() + " is " + run.status().wireName();
    return switch (run.status()) {
      case FAILED, CANCELLED -> is + " and can be retried";
      case COMPLETED ->
          is + "; only a failed or cancelled run can be retried (fork it to run steps again)";
      default -> is + "; only a failed or cancelled run can be retried (cancel it first)";
    };
  }

  /**
   * The checkpoints a retry rewrites: each {@code FAILED} one as {@code RETRIED}, same path,
   * attempt, value and time. The others stay as they are.
   */
  public static List<Checkpoint> retried(List<Checkpoint> checkpoints) {
    return checkpoints.stream()
        .filter(c -> c.kind() == Checkpoint.Kind.FAILED)
        .map(c -> new Checkpoint(c.path(), c.attempt(), Checkpoint.Kind.RETRIED, c.value(), c.at()))
        .toList();
  }

  /**
   * A recovery: the events to append and the transition to apply, with the run's new recovery
   * count.
   */
  public record Recovery(int recoveries, List<NewEvent> events, Transition transition) {}

  /**
   * The reaper's move on a run whose worker was lost ({@code cause}, see {@link
   * StoreEvents#LEASE_EXPIRED} and {@link StoreEvents#PROCESS_GONE}): this loss counts as one more
   * recovery; {@code worker.lost} is appended; the run is requeued, or failed with {@code
   * RecoveryLimitExceeded} once it has lost more workers than {@code maxRecoveries}.
   */
  public static Recovery recover(RunInfo run, String cause, int maxRecoveries, Instant now) {
    int recovery = run.recoveries() + 1;
    NewEvent lost =
        StoreEvents.workerLost(
            cause,
            run.leaseOwner(),
            run.heartbeatAt(),
            recovery,
            maxRecoveries,
            run.attempt(),
            now);
    if (recovery > maxRecoveries) {
      return new Recovery(
          recovery,
          List.of(
              lost,
              StoreEvents.recoveryLimitFailed(run.runId(), maxRecoveries, run.attempt(), now)),
          Transition.failed(StoreEvents.recoveryLimitError(run.runId(), maxRecoveries)));
    }
    return new Recovery(recovery, List.of(lost), Transition.requeued());
  }

  /**
   * What a cancel request does: nothing (an empty event), end the run at once, or flag it for its
   * worker.
   *
   * @param event the event to append, if any
   * @param cancelled the transition that ends the run, for a run no worker holds
   * @param flag whether to set the run's cancel request for the worker that holds it
   */
  public record Cancel(Optional<NewEvent> event, Optional<Transition> cancelled, boolean flag) {
    static final Cancel NOTHING = new Cancel(Optional.empty(), Optional.empty(), false);
  }

  /**
   * A cancel request: a queued or waiting run ends cancelled at once ({@code run.cancelled}); a
   * running run is flagged once ({@code run.cancel_requested}) and its worker stops it; a finished
   * run, or a running one already flagged, is left as it is.
   */
  public static Cancel cancel(RunInfo run, String reason, Instant now) {
    return switch (run.status()) {
      case QUEUED, WAITING ->
          new Cancel(
              Optional.of(StoreEvents.cancelled(run.runId(), reason, run.attempt(), now)),
              Optional.of(Transition.cancelled(StoreEvents.cancelError(run.runId(), reason))),
              false);
      case RUNNING ->
          run.cancelRequested()
              ? Cancel.NOTHING
              : new Cancel(
                  Optional.of(StoreEvents.cancelRequested(reason, run.attempt(), now)),
                  Optional.empty(),
                  true);
      default -> Cancel.NOTHING;
    };
  }

  /**
   * What a signal does.
   *
   * @param event {@code signal.received} to append, or empty for a finished run
   * @param resumeNow whether the run becomes claimable now (it was waiting)
   */
  public record Signal(Optional<NewEvent> event, boolean resumeNow) {}

  /**
   * A signal: nothing is written to a finished run; otherwise {@code signal.received} is appended,
   * and a waiting run becomes claimable now (its resume time is set to {@code now}).
   */
  public static Signal signal(RunInfo run, String name, String valueJson, Instant now) {
    if (run.status().isTerminal()) {
      return new Signal(Optional.empty(), false);
    }
    return new Signal(
        Optional.of(StoreEvents.signal(name, valueJson, run.attempt(), now)),
        run.status() == RunStatus.WAITING);
  }
}
