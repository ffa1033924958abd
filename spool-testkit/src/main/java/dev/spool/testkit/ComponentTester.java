package dev.spool.testkit;

import dev.spool.Component;
import dev.spool.EngineOptions;
import dev.spool.Json;
import dev.spool.ManualClock;
import dev.spool.RunHistory;
import dev.spool.RunIds;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.internal.engine.RunExecution;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.NewRun;
import dev.spool.store.RunInfo;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Runs a single component (or a workflow) through the real engine, in memory, with a clock the test
 * moves: retries, timeouts, fallbacks and child calls behave exactly as in production, and every
 * event is there to assert on.
 *
 * <pre>{@code
 * ComponentTester t = ComponentTester.create();
 * t.failNext("outline", 2, () -> new IOException("provider down"));
 * TestRun<Outline> run = t.run(OUTLINE, new Topic("durable agents"));
 * assertThat(run.events("step.retrying")).hasSize(2);
 * }</pre>
 */
public final class ComponentTester {
  private final MemoryRunStore store = new MemoryRunStore();
  private final ManualClock clock;
  private final Map<String, Queue<Supplier<? extends Exception>>> failures =
      new ConcurrentHashMap<>();
  private final EngineOptions options =
      new EngineOptions(
          Duration.ofMinutes(5),
          Duration.ofMinutes(1),
          Duration.ofDays(365),
          5,
          Duration.ofMillis(250));

  private ComponentTester(Instant start) {
    this.clock = new ManualClock(start);
  }

  public static ComponentTester create() {
    return new ComponentTester(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** The clock the engine uses; retries' backoff and durable sleeps move it, not real time. */
  public ManualClock clock() {
    return clock;
  }

  /** The next {@code times} attempts of the component named {@code component} throw this. */
  public ComponentTester failNext(
      String component, int times, Supplier<? extends Exception> error) {
    Queue<Supplier<? extends Exception>> q =
        failures.computeIfAbsent(component, k -> new ConcurrentLinkedQueue<>());
    for (int i = 0; i < times; i++) {
      q.add(error);
    }
    return this;
  }

  /** Runs one component with this input as the only step of a test run. */
  public <I, O> TestRun<O> run(Component<I, O> component, I input) {
    @SuppressWarnings("unchecked")
    Class<I> inputType = (Class<I>) input.getClass();
    Workflow<I, Object> wf =
        Workflow.of("test", inputType, Object.class, (ctx, in) -> ctx.call(component, in));
    TestRun<Object> raw = run(wf, input);
    return new TestRun<>(
        raw.status(),
        raw.status() == RunStatus.COMPLETED
            ? Optional.of(
                Json.mapper()
                    .convertValue(
                        raw.output().orElse(null),
                        Json.mapper().constructType(component.outputType())))
            : Optional.empty(),
        raw.error(),
        raw.events(),
        raw.history());
  }

  /** Runs a workflow to its end, moving the clock over any durable sleep. */
  public <I, O> TestRun<O> run(Workflow<I, O> workflow, I input) {
    String id = RunIds.next(clock.now());
    store.createRun(
        new NewRun(
            id,
            workflow.name(),
            workflow.versionId(),
            Json.write(input),
            Optional.empty(),
            "test",
            clock.now()));
    RunInfo info = store.getRun(id).orElseThrow();
    while (!info.status().isTerminal()) {
      info.resumeAt()
          .filter(t -> t.isAfter(clock.now()))
          .ifPresent(t -> clock.advance(Duration.between(clock.now(), t)));
      Claim claim =
          store
              .claim(
                  ClaimRequest.next("tester", "test", clock.now(), options.leaseTtl()).onlyRun(id))
              .orElseThrow(() -> new IllegalStateException("test run could not be claimed"));
      new RunExecution(store, clock, options, claim, workflow, this::inject).execute();
      info = store.getRun(id).orElseThrow();
    }
    Optional<O> out =
        info.result()
            .map(
                json -> {
                  try {
                    return Json.mapper()
                        .<O>readValue(json, Json.mapper().constructType(workflow.outputType()));
                  } catch (Exception e) {
                    throw new IllegalStateException("result does not read back: " + e, e);
                  }
                });
    RunHistory history = RunHistory.read(store, id).orElseThrow();
    return new TestRun<>(info.status(), out, info.error(), history.events(), history);
  }

  private void inject(String component, String path, int attempt) throws Exception {
    Queue<Supplier<? extends Exception>> q = failures.get(component);
    if (q == null) {
      return;
    }
    Supplier<? extends Exception> next = q.poll();
    if (next != null) {
      throw next.get();
    }
  }
}
