package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.Json;
import dev.spool.RunStatus;
import dev.spool.Spool;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.builtin.Approval;
import dev.spool.store.RunInfo;
import dev.spool.store.StoreEvents;
import dev.spool.store.memory.MemoryRunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's duties beyond executing: signals, cancel requests, reaping lost runs, draining, and
 * idle timeouts; with real threads and the system clock, on the in-memory store.
 */
class WorkerTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final List<Worker> workers = new ArrayList<>();
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  record Msg(String text) {}

  static final Component<Integer, Integer> SLOW =
      Component.of(
          "slow",
          Integer.class,
          (ctx, i) -> {
            NEVER.await(30, TimeUnit.SECONDS);
            return i;
          });

  static final Workflow<Integer, List<Integer>> LOOP =
      Workflow.of(
          "loop",
          Integer.class,
          new TypeRef<List<Integer>>() {},
          (ctx, n) -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              out.add(ctx.call(Component.of("tick", Integer.class, (c, x) -> x), i));
              ctx.sleep(Duration.ofMillis(50));
            }
            return out;
          });

  static final Workflow<Integer, Integer> STUCK =
      Workflow.of("stuck", Integer.class, Integer.class, (ctx, i) -> ctx.call(SLOW, i));

  static final Workflow<String, List<String>> TWO_SIGNALS =
      Workflow.of(
          "two-signals",
          String.class,
          new TypeRef<List<String>>() {},
          (ctx, s) -> {
            String a = ctx.awaitSignal("msg", Msg.class).text();
            String b = ctx.awaitSignal("msg", Msg.class).text();
            return List.of(a, b);
          });

  private Spool spool(Duration suspendAfter) {
    return Spool.builder(store)
        .register(LOOP, STUCK, TWO_SIGNALS, Approval.WORKFLOW, idleWorkflow())
        .leaseTtl(Duration.ofMillis(900))
        .suspendAfter(suspendAfter)
        .build();
  }

  private Worker worker(Spool spool) {
    Worker w = Worker.start(spool, 4);
    workers.add(w);
    return w;
  }

  @AfterEach
  void closeWorkers() {
    workers.forEach(Worker::close);
  }

  @Test
  void aSignalSentWhileNoWorkerRunsIsReceivedLater() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    String id = spool.start("approval", "{\"subject\":\"launch\"}").run().runId();

    assertThat(
            spool
                .signal(id, "approve", "{\"approved\":true,\"comment\":\"ship it\"}")
                .orElseThrow()
                .delivered())
        .isTrue();
    worker(spool);

    RunInfo done = awaitEnd(spool, id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(Json.tree(done.result().orElseThrow()).path("decision").asText())
        .isEqualTo("approved");
    assertThat(Json.tree(done.result().orElseThrow()).path("comment").asText())
        .isEqualTo("ship it");
  }

  @Test
  void aLongWaitReleasesTheWorkerAndTheSignalWakesTheRun() throws Exception {
    Spool spool = spool(Duration.ZERO);
    Worker w = worker(spool);
    String id = spool.start("approval", "{\"subject\":\"budget\"}").run().runId();
    await(() -> status(spool, id) == RunStatus.WAITING);
    await(() -> w.activeRuns() == 0);
    assertThat(events(spool, id)).contains(EventTypes.RUN_WAITING);

    spool.signal(id, "approve", "{\"approved\":false,\"comment\":\"too much\"}");

    RunInfo done = awaitEnd(spool, id);
    assertThat(Json.tree(done.result().orElseThrow()).path("decision").asText())
        .isEqualTo("rejected");
    assertThat(events(spool, id)).contains(EventTypes.SIGNAL_RECEIVED, EventTypes.RUN_RESUMED);
  }

  @Test
  void aShortWaitStaysOnTheWorkerAndTheControlPollDeliversTheSignal() throws Exception {
    Spool spool = spool(Duration.ofMinutes(5));
    Worker w = worker(spool);
    String id = spool.start("approval", "{\"subject\":\"x\",\"timeoutSeconds\":60}").run().runId();
    await(() -> events(spool, id).contains(EventTypes.PROGRESS));
    assertThat(w.activeRuns()).isEqualTo(1);

    spool.signal(id, "approve", "{\"approved\":true,\"comment\":\"ok\"}");

    RunInfo done = awaitEnd(spool, id);
    assertThat(Json.tree(done.result().orElseThrow()).path("decision").asText())
        .isEqualTo("approved");
    assertThat(events(spool, id)).doesNotContain(EventTypes.RUN_WAITING);
  }

  @Test
  void aWaitThatTimesOutReturnsEmpty() throws Exception {
    Spool spool = spool(Duration.ofMinutes(5));
    worker(spool);
    String id = spool.start("approval", "{\"subject\":\"x\",\"timeoutSeconds\":0}").run().runId();
    RunInfo done = awaitEnd(spool, id);
    assertThat(Json.tree(done.result().orElseThrow()).path("decision").asText())
        .isEqualTo("timed out");
  }

  @Test
  void signalsOfOneNameAreTakenOnceEachInOrderAcrossARestart() throws Exception {
    Spool spool = spool(Duration.ZERO);
    Worker w = worker(spool);
    String id = spool.start("two-signals", "\"x\"").run().runId();
    spool.signal(id, "msg", "{\"text\":\"first\"}");
    await(() -> events(spool, id).stream().filter(EventTypes.STEP_COMPLETED::equals).count() == 1);
    await(() -> status(spool, id) == RunStatus.WAITING);
    w.close();

    spool.signal(id, "msg", "{\"text\":\"second\"}");
    spool.signal(id, "msg", "{\"text\":\"third\"}");
    worker(spool);

    RunInfo done = awaitEnd(spool, id);
    assertThat(Json.read(done.result().orElseThrow(), List.class))
        .containsExactly("first", "second");
  }

  @Test
  void cancellingAQueuedRunEndsItWithoutAWorker() {
    Spool spool = spool(Duration.ofSeconds(30));
    String id = spool.start("loop", "3").run().runId();
    RunInfo r = spool.cancel(id, "changed my mind").orElseThrow();
    assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(spool.cancel("no-such-run", "")).isEmpty();
  }

  @Test
  void cancellingARunningRunStopsItAtItsNextBoundary() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    Worker w = worker(spool);
    String id = spool.start("loop", "100000").run().runId();
    await(() -> events(spool, id).contains(EventTypes.STEP_COMPLETED));

    assertThat(spool.cancel(id, "budget exceeded").orElseThrow().cancelRequested()).isTrue();

    RunInfo done = awaitEnd(spool, id);
    assertThat(done.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(Json.tree(done.error().orElseThrow()).path("message").asText())
        .as("the reason the cancel request gave is kept")
        .isEqualTo("run " + id + " was cancelled: budget exceeded");
    await(() -> w.activeRuns() == 0);
    List<String> types = events(spool, id);
    assertThat(types.get(types.size() - 1)).isEqualTo(EventTypes.RUN_CANCELLED);
    assertThat(types).contains(EventTypes.RUN_CANCEL_REQUESTED);
  }

  @Test
  void cancellingARunBlockedInAStepInterruptsIt() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    Worker w = worker(spool);
    String id = spool.start("stuck", "1").run().runId();
    await(() -> events(spool, id).contains(EventTypes.STEP_STARTED));
    spool.cancel(id, "");
    assertThat(awaitEnd(spool, id).status()).isEqualTo(RunStatus.CANCELLED);
    await(() -> w.activeRuns() == 0);
  }

  @Test
  void aLostWorkersRunIsReapedAndResumedElsewhere() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    Worker first = worker(spool);
    String id = spool.start("loop", "40").run().runId();
    await(() -> events(spool, id).contains(EventTypes.STEP_COMPLETED));
    first.close(); // as if it died: its lease stays until it expires

    worker(spool);

    RunInfo done = awaitEnd(spool, id);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.recoveries()).isEqualTo(1);
    List<String> types = events(spool, id);
    assertThat(types).containsSubsequence(EventTypes.WORKER_LOST, EventTypes.RUN_RESUMED);
    assertThat(Json.read(done.result().orElseThrow(), List.class)).hasSize(40);
  }

  @Test
  void aRunThatKeepsLosingItsWorkerFailsAfterTheLimit() throws Exception {
    Spool spool =
        Spool.builder(store)
            .register(STUCK)
            .leaseTtl(Duration.ofMillis(600))
            .maxRecoveries(1)
            .build();
    String id = spool.start("stuck", "1").run().runId();
    for (int i = 0; i < 2; i++) {
      int attempt = i + 1;
      Worker w = Worker.start(spool, 1);
      await(() -> spool.run(id).orElseThrow().attempt() == attempt);
      w.close();
    }
    Worker reaper = Worker.start(spool, 1);
    workers.add(reaper);

    RunInfo done = awaitEnd(spool, id);
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.error().orElseThrow()).contains(StoreEvents.RECOVERY_LIMIT);
    assertThat(done.recoveries()).isEqualTo(2);
  }

  @Test
  void drainHandsUnfinishedRunsBackAtOnceAndLetsShortOnesFinish() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    Worker w = Worker.start(spool, 4);
    String stuck = spool.start("stuck", "7").run().runId();
    String quick = spool.start("loop", "2").run().runId();
    await(() -> events(spool, stuck).contains(EventTypes.STEP_STARTED));
    await(() -> events(spool, quick).contains(EventTypes.RUN_STARTED));

    int handedOff = w.drain(Duration.ofSeconds(2));

    assertThat(handedOff).isEqualTo(1);
    assertThat(status(spool, quick)).isEqualTo(RunStatus.COMPLETED);
    RunInfo left = spool.run(stuck).orElseThrow();
    assertThat(left.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(left.recoveries()).isZero();
    List<String> types = events(spool, stuck);
    assertThat(types.get(types.size() - 1)).isEqualTo(EventTypes.RUN_HANDOFF);
    assertThat(w.activeRuns()).isZero();
  }

  static final AtomicInteger BEATS = new AtomicInteger();

  private static Workflow<Boolean, String> idleWorkflow() {
    Component<Boolean, String> work =
        Component.<Boolean, String>of(
                "work",
                String.class,
                (ctx, beat) -> {
                  for (int i = 0; i < 12; i++) {
                    Thread.sleep(50);
                    if (beat) {
                      ctx.heartbeat();
                      BEATS.incrementAndGet();
                    }
                  }
                  return "done";
                })
            .idleTimeout(Duration.ofMillis(300));
    return Workflow.of("idle", Boolean.class, String.class, (ctx, beat) -> ctx.call(work, beat));
  }

  @Test
  void aStepThatHeartbeatsOutlivesItsIdleTimeoutAndOneThatDoesNotFails() throws Exception {
    Spool spool = spool(Duration.ofSeconds(30));
    worker(spool);
    String beating = spool.start("idle", "true").run().runId();
    String silent = spool.start("idle", "false").run().runId();

    assertThat(awaitEnd(spool, beating).status()).isEqualTo(RunStatus.COMPLETED);
    RunInfo failed = awaitEnd(spool, silent);
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error().orElseThrow()).contains("sent no heartbeat for 300 ms");
    assertThat(BEATS.get()).isGreaterThanOrEqualTo(12);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static RunStatus status(Spool spool, String id) {
    return spool.run(id).orElseThrow().status();
  }

  private static List<String> events(Spool spool, String id) {
    return spool.store().readEvents(id, 0, 100_000).stream().map(Event::type).toList();
  }

  private static RunInfo awaitEnd(Spool spool, String id) throws InterruptedException {
    spool.follow(id, 0, e -> {});
    return spool.run(id).orElseThrow();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
