package dev.spool;

import dev.spool.internal.engine.PatchScan;
import dev.spool.store.CreateResult;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.RunRules;
import dev.spool.store.SignalResult;
import dev.spool.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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
    var now = clock.now();
    CreateResult created =
        store.createRun(
            new NewRun(
                RunIds.next(now),
                wf.name(),
                wf.versionId(),
                input.json(),
                idempotencyKey,
                store.fleet().activeDeployment().orElse(RunRules.UNPINNED),
                now));
    if (created.created()) {
      wakeListeners.forEach(Runnable::run);
    }
    return created;
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
   * event, which it returns.
   */
  public Event follow(String runId, long afterSeq, Consumer<Event> sink)
      throws InterruptedException {
    long after = afterSeq;
    while (true) {
      for (Event e : store.awaitEvents(runId, after, 500, Duration.ofSeconds(1))) {
        sink.accept(e);
        after = e.seq();
        if (e.isTerminal()) {
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
