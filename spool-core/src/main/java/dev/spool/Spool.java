package dev.spool;

import dev.spool.internal.Bulk;
import dev.spool.internal.Forks;
import dev.spool.internal.engine.PatchScan;
import dev.spool.store.CreateResult;
import dev.spool.store.ForkSeed;
import dev.spool.store.NewRun;
import dev.spool.store.RetryResult;
import dev.spool.store.RunInfo;
import dev.spool.store.RunRules;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The API plane's facade: the workflows this process knows, the store, the clock. Starts runs,
 * cancels and signals them, reads them and follows their event streams. It executes nothing: the
 * compute plane is {@code dev.spool.worker.Worker} (module spool-worker), which claims runs from
 * the same store, in this process or any other.
 *
 * <pre>{@code
 * try (Store store = RunStores.open("sqlite:.spool/spool.db", false)) {
 *   Spool spool = Spool.builder(store).register(BLOG).build();
 *   try (Worker worker = Worker.start(spool, 8)) {
 *     String runId = spool.start("blog-writer", "{\"text\":\"durable agents\"}").run().runId();
 *     spool.follow(runId, 0, event -> System.out.println(event.toJson()));
 *   }
 * }
 * }</pre>
 */
public final class Spool {
  private final Store store;
  private final WorkflowRegistry registry;
  private final SpoolClock clock;
  private final EngineOptions options;
  private final String deployment;
  private final List<Runnable> wakeListeners = new CopyOnWriteArrayList<>();

  private Spool(Builder b) {
    this.store = b.store;
    this.registry = b.registry;
    this.clock = b.clock;
    this.options =
        new EngineOptions(
            b.leaseTtl,
            b.heartbeatEvery,
            b.suspendAfter,
            b.maxRecoveries,
            EngineOptions.defaults().controlPollEvery());
    this.deployment = b.deployment;
  }

  public static Builder builder(Store store) {
    return new Builder(store);
  }

  /**
   * Creates and enqueues a run of the workflow's newest version after checking its input. The run
   * is pinned to the store's active deployment ({@code spool deployments promote}); while none was
   * promoted it is pinned to none, and any worker that has the workflow's version takes it.
   *
   * @throws IllegalArgumentException for an unknown workflow
   * @throws InvalidInputException for input that does not parse or fit; nothing is written then
   */
  public CreateResult start(String workflow, String inputJson, Optional<String> idempotencyKey) {
    return start(RunInput.parse(registry.get(workflow), inputJson), idempotencyKey);
  }

  /**
   * As {@link #start(String, String, Optional)}, on the named version of the workflow (empty: the
   * newest registered here).
   *
   * @throws IllegalArgumentException for an unknown workflow or version
   */
  public CreateResult start(
      String workflow, Optional<String> version, String inputJson, Optional<String> key) {
    return start(RunInput.parse(registry.get(workflow, version), inputJson), key);
  }

  /**
   * Creates and enqueues a run of an input parsed and checked before, as {@link #start(String,
   * String, Optional)} does, without parsing it again.
   *
   * @throws IllegalArgumentException if the input's workflow is not the one registered by its name
   */
  public CreateResult start(RunInput<?> input, Optional<String> idempotencyKey) {
    Workflow<?, ?> wf =
        registry.get(input.workflow().name(), Optional.of(input.workflow().versionId()));
    if (wf != input.workflow()) {
      throw new IllegalArgumentException(
          "the input was checked against " + input.workflow() + ", not the registered " + wf);
    }
    CreateResult created =
        store.createRun(newRun(wf.name(), wf.versionId(), input.json(), idempotencyKey));
    if (created.created()) {
      wakeListeners.forEach(Runnable::run);
    }
    return created;
  }

  /**
   * A new run created now, pinned to the store's active deployment, or to this runtime's when none
   * was promoted.
   */
  private NewRun newRun(String workflow, String version, String input, Optional<String> key) {
    var now = clock.now();
    return new NewRun(
        RunIds.next(now),
        workflow,
        version,
        input,
        key,
        store.fleet().activeDeployment().orElse(RunRules.UNPINNED),
        now);
  }

  /**
   * Retries a failed or cancelled run from its checkpoints: the same run id, a new attempt, {@code
   * run.retried} appended; completed steps replay, failed ones run again ({@link
   * dev.spool.store.RunRules#retry}). Empty if there is no such run; {@link RetryResult#retried()}
   * is false (nothing written) for a run in another status.
   */
  public Optional<RetryResult> retry(String runId, String reason) {
    Optional<RetryResult> r = store.retryRun(runId, reason, clock.now());
    r.filter(RetryResult::retried).ifPresent(x -> wakeListeners.forEach(Runnable::run));
    return r;
  }

  /**
   * Starts a new run of the same workflow and version as {@code runId} that reuses every checkpoint
   * recorded before step {@code fromStep} and runs from there ({@link Forks} says what "before"
   * means), with {@code inputJson} as its input or, when empty, the source's. Its stream starts
   * with {@code run.queued} and {@code run.forked}, which names the source and the step. Empty if
   * there is no such run.
   *
   * @throws UnknownStepException if the source run never started a step at {@code fromStep}
   * @throws InvalidInputException for a new input that does not fit the workflow
   * @throws IllegalArgumentException for a new input of a workflow this process does not know
   */
  public Optional<CreateResult> fork(String runId, String fromStep, Optional<String> inputJson) {
    Optional<RunInfo> found = store.getRun(runId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RunInfo source = found.get();
    Set<String> steps = new LinkedHashSet<>();
    List<Event> page;
    long after = 0;
    do {
      page = store.readEvents(runId, after, 1000);
      steps.addAll(Forks.stepPaths(page));
      after = page.isEmpty() ? after : page.get(page.size() - 1).seq();
    } while (page.size() == 1000);
    if (!steps.contains(fromStep)) {
      throw new UnknownStepException(runId, fromStep, List.copyOf(steps));
    }
    String input =
        inputJson.isPresent()
            ? RunInput.parse(registry.get(source.workflow()), inputJson.get()).json()
            : source.input();
    ForkSeed seed = new ForkSeed(runId, fromStep, Forks.seed(store.checkpoints(runId), fromStep));
    CreateResult created =
        store.createRun(
            newRun(source.workflow(), source.version(), input, Optional.empty()).forkedFrom(seed));
    wakeListeners.forEach(Runnable::run);
    return Optional.of(created);
  }

  /** Retries every failed or cancelled run the filter matches, as {@link #retry} does each. */
  public BulkResult retryAll(RunFilter filter, String reason) {
    return bulk(
        filter,
        run ->
            RunRules.retry(run, reason, clock.now()).allowed()
                && store
                    .retryRun(run.runId(), reason, clock.now())
                    .map(RetryResult::retried)
                    .orElse(false));
  }

  /**
   * Asks every unfinished run the filter matches to stop, as {@link #cancel} does each; a running
   * one counts once its cancel request is recorded.
   */
  public BulkResult cancelAll(RunFilter filter, String reason) {
    return bulk(
        filter,
        run ->
            !run.status().isTerminal()
                && store
                    .requestCancel(run.runId(), reason, clock.now())
                    .map(a -> a.status() == RunStatus.CANCELLED || a.cancelRequested())
                    .orElse(false));
  }

  /** Applies {@code action} to the runs the filter matches; wakes local workers if it acted. */
  private BulkResult bulk(RunFilter filter, Predicate<RunInfo> action) {
    BulkResult r = Bulk.apply(store, filter, action);
    if (r.count() > 0) {
      wakeListeners.forEach(Runnable::run);
    }
    return r;
  }

  public CreateResult start(String workflow, String inputJson) {
    return start(workflow, inputJson, Optional.empty());
  }

  public <I> CreateResult start(Workflow<I, ?> workflow, I input) {
    return start(workflow.name(), Json.write(input), Optional.empty());
  }

  /**
   * Asks a run to stop: a queued or waiting run is cancelled at once, a running one at its next
   * step boundary or interruptible wait. Returns the run afterwards; empty if there is none.
   */
  public Optional<RunInfo> cancel(String runId, String reason) {
    Optional<RunInfo> run = store.requestCancel(runId, reason, clock.now());
    run.ifPresent(r -> wakeListeners.forEach(Runnable::run));
    return run;
  }

  /**
   * Sends a signal to a run's {@code ctx.awaitSignal(name, …)}, durably: it is kept in the run's
   * stream even while no worker is up. Empty if there is no such run; not delivered (nothing
   * written) if the run has ended.
   *
   * @throws InvalidInputException if {@code valueJson} is not JSON
   */
  public Optional<SignalResult> signal(String runId, String name, String valueJson) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidInputException("a signal name must be 1 to 200 characters");
    }
    if (valueJson == null || valueJson.isBlank()) {
      throw new InvalidInputException("a signal value must be JSON, for example {} or true");
    }
    String canonical;
    try {
      canonical = Json.write(Json.mapper().readTree(valueJson));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException("signal value is not JSON: " + Json.describe(e));
    }
    Optional<SignalResult> r = store.sendSignal(runId, name, canonical, clock.now());
    r.filter(SignalResult::delivered).ifPresent(x -> wakeListeners.forEach(Runnable::run));
    return r;
  }

  /**
   * Registers {@code listener} to run whenever this process starts, cancels or signals a run, so a
   * worker in the same process looks for work at once instead of at its next poll.
   */
  public void addWakeListener(Runnable listener) {
    wakeListeners.add(listener);
  }

  public void removeWakeListener(Runnable listener) {
    wakeListeners.remove(listener);
  }

  /**
   * Replays the events of a run after {@code afterSeq}, then follows it live until its terminal
   * event, which it returns (a retried run's earlier terminal events are passed on, not returned).
   */
  public Event follow(String runId, long afterSeq, Consumer<Event> sink)
      throws InterruptedException {
    long after = afterSeq;
    while (true) {
      List<Event> page = store.awaitEvents(runId, after, 500, Duration.ofSeconds(1));
      for (int i = 0; i < page.size(); i++) {
        Event e = page.get(i);
        sink.accept(e);
        after = e.seq();
        // a terminal event ends the stream unless the run was retried after it
        if (e.isTerminal()
            && i == page.size() - 1
            && store.readEvents(runId, e.seq(), 1).isEmpty()) {
          return e;
        }
      }
      if (store.getRun(runId).isEmpty()) {
        throw new IllegalArgumentException("no run " + runId);
      }
    }
  }

  /**
   * True if a running run's holder has not renewed its lease within the lease ttl of this runtime,
   * so another worker may take it over.
   */
  public boolean leaseExpired(RunInfo run) {
    return run.status() == RunStatus.RUNNING
        && run.heartbeatAt()
            .map(beat -> beat.plus(options.leaseTtl()).isBefore(clock.now()))
            .orElse(false);
  }

  /**
   * True if a running run may be taken from its holder: a dead process on this host, or a holder
   * silent past its lease.
   */
  public boolean canTakeOver(RunInfo run) {
    return run.status() == RunStatus.RUNNING
        && run.leaseOwner()
            .map(o -> WorkerIds.isDeadLocalProcess(o) || leaseExpired(run))
            .orElse(false);
  }

  public Optional<RunInfo> run(String runId) {
    return store.getRun(runId);
  }

  /**
   * The {@code ctx.patched} ids the runs of {@code workflow} decided, each with how many unfinished
   * runs take or may take its old branch; at 0 a release may delete the old branch. Reads every
   * unfinished run of the workflow.
   */
  public List<PatchUsage> patches(String workflow) {
    return PatchScan.of(store, workflow);
  }

  public Store store() {
    return store;
  }

  public WorkflowRegistry registry() {
    return registry;
  }

  public SpoolClock clock() {
    return clock;
  }

  public EngineOptions options() {
    return options;
  }

  public String deployment() {
    return deployment;
  }

  /** Configures a {@link Spool}. */
  public static final class Builder {
    private final Store store;
    private final WorkflowRegistry registry = new WorkflowRegistry();
    private SpoolClock clock = SpoolClock.system();
    private Duration leaseTtl = EngineOptions.defaults().leaseTtl();
    private Duration heartbeatEvery = EngineOptions.defaults().heartbeatEvery();
    private Duration suspendAfter = EngineOptions.defaults().suspendAfter();
    private int maxRecoveries = EngineOptions.defaults().maxRecoveries();
    private String deployment = "default";

    private Builder(Store store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    public Builder register(Workflow<?, ?>... workflows) {
      for (Workflow<?, ?> w : workflows) {
        registry.register(w);
      }
      return this;
    }

    public Builder clock(SpoolClock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** How long a claim lasts without a heartbeat; heartbeats go out at a third of it. */
    public Builder leaseTtl(Duration ttl) {
      this.leaseTtl = ttl;
      this.heartbeatEvery = ttl.dividedBy(3);
      return this;
    }

    /** Durable sleeps longer than this release the worker until they end. */
    public Builder suspendAfter(Duration d) {
      this.suspendAfter = d;
      return this;
    }

    /** How many lost workers a run survives before the reaper fails it (default 5). */
    public Builder maxRecoveries(int n) {
      this.maxRecoveries = n;
      return this;
    }

    public Builder deployment(String id) {
      this.deployment = Objects.requireNonNull(id, "deployment");
      return this;
    }

    public Spool build() {
      return new Spool(this);
    }
  }
}
