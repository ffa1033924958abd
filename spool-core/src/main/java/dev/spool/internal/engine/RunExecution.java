package dev.spool.internal.engine;

import dev.spool.EngineOptions;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.NonDeterminismException;
import dev.spool.RunCancelledException;
import dev.spool.SpoolClock;
import dev.spool.Workflow;
import dev.spool.store.Claim;
import dev.spool.store.Commit;
import dev.spool.store.Lease;
import dev.spool.store.NewEvent;
import dev.spool.store.RunInfo;
import dev.spool.store.RunStore;
import dev.spool.store.Transition;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final EngineOptions options;
  private final RunInfo info;
  private final Workflow<?, ?> workflow;
  private final Replay replay;
  private final RunWriter writer;
  private final AtomicInteger branches = new AtomicInteger();
  private final AttemptHook hook;
  private final RunEvents events;
  private final Heartbeats heartbeats = new Heartbeats();
  private final History history;
  private volatile Lease lease;
  private volatile boolean cancelRequested;
  private volatile boolean stopped;
  private volatile Thread mainThread;

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
    this.hook = hook;
    this.clock = clock;
    this.options = options;
    this.lease = claim.lease();
    this.info = claim.run();
    this.workflow = workflow;
    this.replay = new Replay(claim.checkpoints());
    this.history = new History(store, claim);
    this.writer = new RunWriter(store, () -> this.lease, info.runId());
    this.events = new RunEvents(clock, writer, history.echoes());
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

  /** Called by the heartbeat after the store renewed the lease. */
  public void leaseRenewed(Lease renewed) {
    this.lease = renewed;
  }

  /** Asks the run to stop at its next step boundary or wait. */
  public void cancel() {
    cancelRequested = true;
    Thread t = mainThread;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * Stops this execution without a trace in the run: no further write is accepted and the run's
   * threads are interrupted. The run stays running in the store until its lease expires or it is
   * taken over, then resumes from its checkpoints.
   */
  public void stop() {
    stopped = true;
    writer.stop();
    Thread t = mainThread;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Runs the workflow to its end on the calling thread. */
  public Outcome execute() {
    mainThread = Thread.currentThread();
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
                  .num("checkpoints", replay.size())
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
      Object result = runBody(Scope.root(this, wf));
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
                      .num("executionMs", Steps.millisSince(t0))
                      .build())));
      return Outcome.COMPLETED;
    } catch (EngineSignal.Suspended s) {
      return Outcome.SUSPENDED;
    } catch (EngineSignal s) {
      return Outcome.LOST;
    } catch (RunCancelledException e) {
      return endCancelled();
    } catch (Throwable t) {
      if (stopped) {
        return Outcome.LOST;
      }
      if (cancelRequested) {
        return endCancelled();
      }
      return end(Transition.failed(Errors.json(t)), EventTypes.RUN_FAILED, t, Outcome.FAILED);
    } finally {
      // Closed only here: the catch clauses above still write the run's end.
      writer.close();
      mainThread = null;
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
    } catch (EngineSignal s) {
      return Outcome.LOST;
    }
  }

  // ---- services for steps -------------------------------------------------------------------

  RunWriter writer() {
    return writer;
  }

  Replay replay() {
    return replay;
  }

  SpoolClock clock() {
    return clock;
  }

  EngineOptions options() {
    return options;
  }

  AttemptHook hook() {
    return hook;
  }

  Heartbeats heartbeats() {
    return heartbeats;
  }

  SignalInbox signals() {
    return history.signals();
  }

  NewEvent event(String type, String path, int attempt, String data) {
    return events.event(type, path, attempt, data);
  }

  /** Progress, custom events and output of this execution's steps. */
  RunEvents events() {
    return events;
  }

  <T> T decode(String json, Type type, String path) {
    try {
      return Json.mapper().readValue(json, Json.mapper().constructType(type));
    } catch (Exception e) {
      throw new NonDeterminismException(
          "checkpoint of "
              + path
              + " no longer reads as "
              + type.getTypeName()
              + ": "
              + e.getMessage());
    }
  }

  /** The input as the trace shows it; an input Jackson cannot write is shown by its type. */
  String encodeForTrace(Object input) {
    try {
      return Json.write(input);
    } catch (IllegalArgumentException e) {
      return Json.quote("<" + input.getClass().getName() + ">");
    }
  }

  double random(Scope scope) {
    long seed = (info.runId() + '\0' + scope.path()).hashCode() * 0x9E3779B97F4A7C15L;
    return new SplittableRandom(seed + scope.draws().getAndIncrement()).nextDouble();
  }

  boolean isCancelled() {
    return cancelRequested;
  }

  /**
   * Turns a failure seen while this execution is being stopped or cancelled into what it really is,
   * so an interrupted body is not recorded as a failed step.
   */
  void checkInterruption() {
    if (stopped) {
      throw new EngineSignal.Abandoned("execution of run " + info.runId() + " was stopped");
    }
    if (cancelRequested) {
      throw new RunCancelledException(info.runId());
    }
  }

  void checkCancelledAt(Scope scope) {
    scope.checkLive();
    if (cancelRequested) {
      throw new RunCancelledException(info.runId());
    }
  }

  /** Waits on the engine clock; cancellation and abandonment end the wait early. */
  void pause(Duration d) {
    try {
      clock.sleep(d);
    } catch (InterruptedException e) {
      interrupted();
    }
  }

  /** A wait was interrupted: by a cancel request, or because this execution is being stopped. */
  void interrupted() {
    if (cancelRequested) {
      throw new RunCancelledException(info.runId());
    }
    Thread.currentThread().interrupt();
    throw new EngineSignal.Abandoned("interrupted while waiting in run " + info.runId());
  }

  void branchesStarted(int n) {
    branches.addAndGet(n);
  }

  void branchesEnded(int n) {
    branches.addAndGet(-n);
  }

  /** A run may release its worker only from its main thread with no branch running. */
  boolean canSuspend() {
    return branches.get() == 0 && Thread.currentThread() == mainThread;
  }
}
