package dev.spool.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Component;
import dev.spool.Event;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.internal.engine.ForwardingStore;
import dev.spool.store.Checkpoint;
import dev.spool.store.Claim;
import dev.spool.store.ClaimRequest;
import dev.spool.store.RunInfo;
import dev.spool.store.memory.MemoryRunStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store round trips a worker makes for one run between claiming it and running its first step:
 * the claim is the only read (it hands back the run and its checkpoints). The run's own writes
 * ({@code run.started}, {@code step.started}, group-committed as before) are not counted.
 */
class ClaimToFirstStepTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final CompletableFuture<List<String>> atFirstStep = new CompletableFuture<>();

  private final Workflow<String, String> wf =
      Workflow.of(
          "one-step",
          String.class,
          String.class,
          (ctx, in) ->
              ctx.call(
                  Component.of(
                      "first",
                      String.class,
                      (c, s) -> {
                        atFirstStep.complete(List.copyOf(calls));
                        return s;
                      }),
                  in));

  /** Records every read of a run, by method name. */
  private final ForwardingStore counting =
      new ForwardingStore(new MemoryRunStore()) {
        @Override
        public Optional<Claim> claim(ClaimRequest request) {
          Optional<Claim> c = super.claim(request);
          c.ifPresent(x -> calls.add("claim"));
          return c;
        }

        @Override
        public Optional<RunInfo> getRun(String runId) {
          calls.add("getRun");
          return super.getRun(runId);
        }

        @Override
        public List<Checkpoint> checkpoints(String runId) {
          calls.add("checkpoints");
          return super.checkpoints(runId);
        }

        @Override
        public List<Event> readEvents(String runId, long afterSeq, int limit) {
          calls.add("readEvents");
          return super.readEvents(runId, afterSeq, limit);
        }
      };

  @Test
  void theClaimIsTheOnlyStoreRoundTripBeforeTheFirstStep() throws Exception {
    Spool spool = Spool.builder(counting).register(wf).build();
    String runId = spool.start("one-step", "\"x\"").run().runId();
    calls.clear();
    try (Worker worker = Worker.start(spool, 1)) {
      List<String> before = atFirstStep.get(30, TimeUnit.SECONDS);
      assertThat(before).containsExactly("claim");
      Event end = spool.follow(runId, 0, e -> {});
      assertThat(end.type()).isEqualTo("run.completed");
    }
  }
}
