package dev.spool.internal.engine;

import dev.spool.EngineOptions;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.RunCancelledException;
import dev.spool.SpoolClock;
import dev.spool.Workflow;
import dev.spool.internal.Payload;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One execution of a claimed run on this worker: from claim to completion, failure, suspension or
 * loss of the lease. Replays the run's checkpoints, so a resumed run skips what finished.
 */
public final class RunExecution {
  /** How an execution ended, from the worker's point of view. */
  public enum Outcome {
    COMPLETED,
    FAILED,
    CANCELLED,
    SUSPENDED,
    LOST
  }

  private final SpoolClock clock;
  private final RunInfo info;
  private final Workflow<?, ?> workflow;
  private final History history;
  private final RunWriter writer;
  private final Interruptions interruptions;
  private final RunServices services;
  private volatile Lease lease;
  private volatile Throwable failure;

  public RunExecution(
      RunStore store,
      SpoolClock clock,
      EngineOptions options,
      Claim claim,
      Workflow<?, ?> workflow) {
    this(store, clock, options, claim, workflow, AttemptHook.NONE);
  }

  public RunExecution(
      RunStore store,
      SpoolClock clock,
      EngineOptions options,
      Claim claim,
      Workflow<?, ?> workflow,
      AttemptHook hook) {
    this.clock = clock;
    this.lease = claim.lease();
    this.info = claim.run();
    this.workflow = workflow;
    this.history = new History(store, claim);
    this.writer = new RunWriter(store, () -> this.lease, info.runId());
    this.interruptions = new Interruptions(info.runId(), clock);
    this.services =
        new RunServices(
            info.runId(),
            writer,
            new RunEvents(clock, writer, history.echoes()),
            new Replay(claim.checkpoints()),
            new Patches(claim.checkpoints()),
            clock,
            options.suspendAfter(),
            hook,
            new IdleTimers(),
            history.signals(),
            interruptions);
  }

  public String runId() {
    return info.runId();
  }

  /** The worker's control poll saw a signal newer than this execution has read. */
  public void signalArrived() {
    history.signals().signalArrived();
  }

  public Lease lease() {
    return lease;
  }

  /** Called by the worker's heartbeat after the store renewed the lease. */
  public void leaseRenewed(Lease renewed) {
    this.lease = renewed;
  }

  /** Asks the run to stop at its next step boundary or wait. */
  public void cancel() {
    interruptions.cancel();
  }

  /**
   * Stops this execution without a trace in the run: no further write is accepted and the run's
   * threads are interrupted. The run stays running in the store until its lease expires or it is
   * taken over, then resumes from its checkpoints.
   */
  public void stop() {
    interruptions.stop();
    writer.stop();
    interruptions.interruptMain();
  }

  /** What the run failed or was cancelled with, once {@link #execute} ended it so. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * The steps the run had recorded that this execution's code has not called, in call order: after
   * a run's end, steps the code no longer has (a replay test's concern; the worker ignores it).
   */
  public List<String> unreachedSteps() {
    return services.replay().unreached();
  }

  /** Runs the workflow to its end on the calling thread. */
  public Outcome execute() {
    interruptions.mainStarted();
    long t0 = System.nanoTime();
    String wf = workflow.name();
    try {
      boolean first = lease.attempt() == 1;
      writer.append(
          event(
              first ? EventTypes.RUN_STARTED : EventTypes.RUN_RESUMED,
              "",
              lease.attempt(),
              Payload.obj()
                  .str("workflow", wf)
                  .str("version", info.version())
                  .str("worker", lease.owner())
                  .num("checkpoints", services.replay().size())
                  .build()));
      if (!workflow.versionId().equals(info.version())) {
        throw new NonDeterminismException(
            "run "
                + info.runId()
                + " started on version "
                + info.version()
                + " of workflow '"
                + wf
                + "', but this worker has version "
                + workflow.versionId());
      }
      Object result = runBody(Scope.root(services, wf));
      String resultJson = Json.write(result);
      writer.commit(
          Commit.of(
              Transition.completed(resultJson),
              event(
                  EventTypes.RUN_COMPLETED,
                  "",
                  lease.attempt(),
                  Payload.obj()
                      .raw("result", resultJson)
                      .num("durationMs", runMillis())
                      .num("executionMs", StepRunner.millisSince(t0))
                      .build())));
      return Outcome.COMPLETED;
    } catch (Halt.Suspended s) {
      return Outcome.SUSPENDED;
    } catch (Halt h) {
      return Outcome.LOST;
    } catch (RunCancelledException e) {
      return endCancelled();
    } catch (Throwable t) {
      if (interruptions.isStopped()) {
        return Outcome.LOST;
      }
      if (interruptions.isCancelled()) {
        return endCancelled();
      }
      return end(Transition.failed(Errors.json(t)), EventTypes.RUN_FAILED, t, Outcome.FAILED);
    } finally {
      // Closed only here: the catch clauses above still write the run's end.
      writer.close();
      interruptions.mainEnded();
    }
  }

  /** Wall time since the run first started, across every execution of it. */
  private long runMillis() {
    return info.startedAt()
        .map(start -> Math.max(0, Duration.between(start, clock.now()).toMillis()))
        .orElse(0L);
  }

  @SuppressWarnings("unchecked")
  private <I, O> Object runBody(Scope root) throws Exception {
    Workflow<I, O> wf = (Workflow<I, O>) workflow;
    I input = wf.parseInput(info.input());
    return ContextImpl.within(root, () -> wf.body().run(new ContextImpl(root), input));
  }

  private Outcome endCancelled() {
    RunCancelledException e = history.cancellation();
    return end(
        Transition.cancelled(Errors.json(e)), EventTypes.RUN_CANCELLED, e, Outcome.CANCELLED);
  }

  private Outcome end(Transition t, String type, Throwable cause, Outcome outcome) {
    failure = cause;
    try {
      writer.commit(
          Commit.of(
              t,
              event(
                  type,
                  "",
                  lease.attempt(),
                  Payload.obj().raw("error", Errors.json(cause)).build())));
      return outcome;
    } catch (Halt h) {
      return Outcome.LOST;
    }
  }

  private NewEvent event(String type, String path, int attempt, String data) {
    return services.event(type, path, attempt, data);
  }
}
