package dev.spool.testkit.internal;

import dev.spool.EngineOptions;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.ManualClock;
import dev.spool.NonDeterminismException;
import dev.spool.RunHistory;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.internal.engine.RunExecution;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.Commit;
import dev.spool.store.NewEvent;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.Transition;
import dev.spool.store.memory.MemoryRunStore;
import dev.spool.testkit.ReplayResult;
import dev.spool.testkit.ReplayResult.Mismatch;
import dev.spool.testkit.ReplayResult.Reached;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One replay: the history goes into an in-memory store as an earlier execution's work, and the real
 * engine resumes the run with the new code. Checkpointed steps return their recorded output without
 * running; the first step attempt the history cannot answer stops the execution, as where the
 * recorded run stood or as a mismatch.
 */
public final class Replayer {
  private static final String OWNER = "replay";
  private static final EngineOptions OPTIONS =
      new EngineOptions(
          Duration.ofDays(1), Duration.ofHours(1), Duration.ZERO, 0, Duration.ofSeconds(1));

  private final Workflow<?, ?> workflow;
  private final RunHistory history;
  private final RecordedSteps steps;
  private final AtomicReference<RecordedSteps.Decision> stop = new AtomicReference<>();

  public Replayer(Workflow<?, ?> workflow, RunHistory history) {
    this.workflow = workflow;
    this.history = history;
    this.steps = new RecordedSteps(history);
  }

  /** Replays the history, giving up after {@code timeout} (a wait the history cannot end). */
  public ReplayResult replay(Duration timeout) throws InterruptedException {
    RunInfo recorded = history.run();
    List<Event> events = history.events();
    ManualClock clock =
        new ManualClock(events.isEmpty() ? recorded.createdAt() : events.getLast().ts());
    MemoryRunStore store = new MemoryRunStore();
    Claim claim = seed(store, clock.now());
    AtomicReference<RunExecution> execution = new AtomicReference<>();
    execution.set(
        new RunExecution(
            store,
            clock,
            OPTIONS,
            claim,
            workflow,
            (component, path, attempt) -> decide(execution.get(), path)));
    AtomicReference<RunExecution.Outcome> outcome = new AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .name("spool-replay-" + recorded.runId())
            .start(() -> outcome.set(execution.get().execute()));
    if (!t.join(timeout)) {
      execution.get().stop();
      t.join();
      throw new IllegalStateException(
          "replay of run "
              + recorded.runId()
              + " did not end within "
              + timeout
              + ": the code waits for something the history does not hold (a signal wait inside"
              + " ctx.all?)");
    }
    return verdict(execution.get(), outcome.get(), store);
  }

  /** Puts the recorded run into the store as an earlier execution left it, and claims it again. */
  private Claim seed(MemoryRunStore store, Instant now) {
    RunInfo r = history.run();
    store.createRun(
        new NewRun(
            r.runId(),
            r.workflow(),
            workflow.versionId(),
            r.input(),
            Optional.empty(),
            OWNER,
            r.createdAt()));
    Claim first = claim(store, r.runId(), now);
    List<NewEvent> earlier =
        history.events().stream()
            .filter(e -> e.seq() > 1 && !e.isTerminal())
            .map(e -> new NewEvent(e.type(), e.ts(), e.path(), e.attempt(), e.data()))
            .toList();
    store.commit(
        first.lease(),
        new Commit(earlier, history.checkpoints(), Optional.of(Transition.requeued())));
    return claim(store, r.runId(), now);
  }

  private static Claim claim(MemoryRunStore store, String runId, Instant now) {
    return store
        .claim(ClaimRequest.next(OWNER, OWNER, now, OPTIONS.leaseTtl()).onlyRun(runId))
        .orElseThrow(() -> new IllegalStateException("the replayed run could not be claimed"));
  }

  /** The hook before every step attempt: only steps the history cannot answer get here. */
  private void decide(RunExecution execution, String path) {
    RecordedSteps.Decision d = steps.attempt(path);
    if (d instanceof RecordedSteps.Run) {
      return;
    }
    stop.compareAndSet(null, d);
    execution.stop();
    throw new IllegalStateException("replay stops at " + path);
  }

  private ReplayResult verdict(
      RunExecution execution, RunExecution.Outcome outcome, MemoryRunStore store) {
    RecordedSteps.Decision stopped = stop.get();
    if (stopped instanceof RecordedSteps.Differs d) {
      return mismatch(d.mismatch());
    }
    if (stopped instanceof RecordedSteps.Frontier f) {
      return result(Reached.STEP, Optional.of(f.path()));
    }
    Optional<Throwable> failure = execution.failure();
    if (failure.isPresent() && failure.get() instanceof NonDeterminismException nd) {
      return mismatch(fromEngine(nd));
    }
    RunStatus recorded = history.run().status();
    return switch (outcome) {
      case COMPLETED, FAILED, CANCELLED -> ended(execution, outcome, failure);
      case SUSPENDED -> {
        Event waiting = store.readEvents(history.run().runId(), 0, Integer.MAX_VALUE).getLast();
        if (recorded.isTerminal()) {
          yield mismatch(
              new Mismatch(
                  waiting.path(),
                  "no wait there (the run " + recorded.wireName() + " without it)",
                  "waits there"));
        }
        yield result(Reached.WAITING, Optional.of(waiting.path()));
      }
      case LOST ->
          throw new IllegalStateException(
              "the replay of run " + history.run().runId() + " lost its in-memory lease");
    };
  }

  private ReplayResult ended(
      RunExecution execution, RunExecution.Outcome outcome, Optional<Throwable> failure) {
    String ending = outcome == RunExecution.Outcome.COMPLETED ? "completed" : "failed";
    List<String> unreached = execution.unreachedSteps();
    if (!unreached.isEmpty()) {
      String path = unreached.getFirst();
      return mismatch(
          new Mismatch(
              path,
              "step '" + path.substring(path.lastIndexOf('/') + 1) + "'",
              ending + " without calling it"));
    }
    if (outcome != RunExecution.Outcome.COMPLETED
        && history.run().status() == RunStatus.COMPLETED) {
      return mismatch(
          new Mismatch(
              workflow.name(),
              "the run's end, " + EventTypes.RUN_COMPLETED,
              "fails: " + failure.map(Throwable::toString).orElse("(no error)")));
    }
    return result(
        outcome == RunExecution.Outcome.COMPLETED ? Reached.COMPLETED : Reached.FAILED,
        Optional.empty());
  }

  private static Mismatch fromEngine(NonDeterminismException nd) {
    if (!nd.expected().isEmpty()) {
      return new Mismatch(nd.where(), "step '" + nd.expected() + "'", "calls '" + nd.found() + "'");
    }
    return new Mismatch(
        nd.where().isEmpty() ? "(the run)" : nd.where(),
        "a checkpoint",
        "cannot use it: " + nd.getMessage());
  }

  private ReplayResult mismatch(Mismatch m) {
    return new ReplayResult(
        history.run().runId(),
        history.run().workflow(),
        history.run().status(),
        Reached.MISMATCH,
        Optional.of(m.path()),
        Optional.of(m));
  }

  private ReplayResult result(Reached reached, Optional<String> at) {
    return new ReplayResult(
        history.run().runId(),
        history.run().workflow(),
        history.run().status(),
        reached,
        at,
        Optional.empty());
  }
}
