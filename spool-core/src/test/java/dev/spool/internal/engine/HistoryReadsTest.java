package dev.spool.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.RunStatus;
import dev.spool.Workflow;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.RunInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A resumed execution reads its run's stream once, in one pass that serves every reader (echoes,
 * signal waits, the cancel reason), and after that only the events newer than the last it read.
 */
class HistoryReadsTest {
  private final Harness h = new Harness();

  /** One {@code readEvents} call: where it started and the seqs it got. */
  private record Read(long afterSeq, List<Long> seqs) {}

  private final List<Read> reads = new CopyOnWriteArrayList<>();

  private final ForwardingStore counting =
      new ForwardingStore(h.store) {
        @Override
        public List<Event> readEvents(String runId, long afterSeq, int limit) {
          List<Event> page = super.readEvents(runId, afterSeq, limit);
          reads.add(new Read(afterSeq, page.stream().map(Event::seq).toList()));
          return page;
        }
      };

  private final CompletableFuture<Void> blocking = new CompletableFuture<>();

  private final Component<String, String> first = Component.of("first", String.class, (c, s) -> s);

  /** Works until the run is cancelled (its thread is interrupted). */
  private final Component<String, String> forever =
      Component.of(
          "forever",
          String.class,
          (c, s) -> {
            blocking.complete(null);
            Thread.sleep(Long.MAX_VALUE);
            return s;
          });

  private final Workflow<String, String> wf =
      Workflow.of(
          "history",
          String.class,
          String.class,
          (ctx, in) -> {
            ctx.progress(Map.of("phase", "start")); // written once, echoed on resume
            String a = ctx.call(first, in);
            String go = ctx.awaitSignal("go", String.class, Duration.ofSeconds(30)).orElseThrow();
            return ctx.call(forever, a + go);
          });

  @Test
  void aResumedRunScansItsStreamOnceThenReadsOnlyNewerEvents() throws Exception {
    String runId = h.start(wf, "\"x\"");
    // The first worker dies when it would record the signal wait's deadline.
    assertThat(h.executeOnce(wf, runId, h.dyingAfterCheckpoints(1), "worker-1", Optional.empty()))
        .isEqualTo(RunExecution.Outcome.LOST);

    Claim claim =
        h.store
            .claim(
                ClaimRequest.next("worker-2", "default", h.clock.now(), h.options.leaseTtl())
                    .onlyRun(runId)
                    .takingOverFrom("worker-1"))
            .orElseThrow();
    RunExecution exec = new RunExecution(counting, h.clock, h.options, claim, wf);
    CompletableFuture<RunExecution.Outcome> outcome =
        CompletableFuture.supplyAsync(exec::execute, r -> Thread.ofVirtual().start(r));

    awaitEvent(runId, EventTypes.STEP_STARTED, "history/signal#1");
    h.store.sendSignal(runId, "go", "\"!\"", h.clock.now());
    exec.signalArrived();
    blocking.get(30, TimeUnit.SECONDS);
    h.store.requestCancel(runId, "enough", h.clock.now());
    exec.cancel();

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(RunExecution.Outcome.CANCELLED);
    RunInfo end = h.info(runId);
    assertThat(end.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(end.error().orElseThrow()).contains("enough");
    assertThat(h.events(runId, EventTypes.PROGRESS)).hasSize(1);

    // One scan of what earlier executions wrote, before the first step...
    assertThat(reads.get(0).afterSeq()).isZero();
    assertThat(reads.get(0).seqs()).last().isEqualTo(claim.run().lastSeq());
    // ...then, for the signal and the cancel reason, only what is newer.
    long seen = 0;
    Set<Long> read = new HashSet<>();
    List<Long> starts = new ArrayList<>();
    for (Read r : reads) {
      starts.add(r.afterSeq());
      assertThat(r.afterSeq())
          .as("each read starts after the newest seq read: %s", starts)
          .isEqualTo(seen);
      for (long seq : r.seqs()) {
        assertThat(read.add(seq)).as("seq %d read twice", seq).isTrue();
        seen = seq;
      }
    }
  }

  private void awaitEvent(String runId, String type, String path) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (h.events(runId, type).stream().noneMatch(e -> e.path().equals(path))) {
      assertThat(System.nanoTime()).as("waiting for %s at %s", type, path).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
